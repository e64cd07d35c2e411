/**
 * The studio page: the flow diagram, the chat and the inspector side by side (one at a time
 * on a phone), kept live by the studio's turn stream and the web platform's reply stream.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, post, randomId, sendToBot } from './api';
import { ChatPane, VIEWS, type View } from './chat-pane';
import { Diagnostics } from './diagnostics';
import { FlowDiagram } from './flow-diagram';
import { Conversations, StateBox, Timeline } from './inspector';
import type { BotReport, ConversationDetail, ConversationSummary, PlatformPreview, Session, UserAction } from './types';

const emptyDetail = (key: string): ConversationDetail => ({
  key,
  platform: 'web',
  readOnly: false,
  revision: 0,
  turns: [],
  state: { waiting: null, vars: {}, stack: [], timers: [], user: null },
});

type Pane = 'flow' | 'chat' | 'inspect';

export function App(props: { session: Session }) {
  const [bot, setBot] = useState<BotReport | null>(null);
  const [key, setKey] = useState(() => `web:${randomId()}`);
  const [detail, setDetail] = useState<ConversationDetail>(() => emptyDetail(key));
  const [list, setList] = useState<ConversationSummary[]>([]);
  const [view, setView] = useState<View>('web');
  const [previews, setPreviews] = useState(new Map<string, PlatformPreview>());
  const [delivered, setDelivered] = useState(0);
  const [user, setUser] = useState({ name: 'Ana', locale: 'es' });
  const [flowTab, setFlowTab] = useState<string>('');
  const [pane, setPane] = useState<Pane>('chat');
  const [notice, setNotice] = useState('');
  const keyRef = useRef(key);
  keyRef.current = key;
  const webOn = props.session.platforms.includes('web');
  const fail = (e: unknown) => setNotice(String((e as Error).message ?? e));

  const refresh = async (k: string) => {
    const d = await get<ConversationDetail>(`conversations/${encodeURIComponent(k)}`).catch(() => emptyDetail(k));
    setDetail((old) => (old.key === k || d.key === k ? d : old));
  };

  useEffect(() => {
    get<BotReport>('bot').then(setBot, fail);
    get<ConversationSummary[]>('conversations').then(setList, fail);
    const stream = new EventSource('/studio/api/stream');
    stream.addEventListener('turn', () => {
      // Each turn may be this conversation's or another's: refresh what is shown.
      get<ConversationSummary[]>('conversations').then(setList, () => undefined);
      void refresh(keyRef.current);
    });
    return () => stream.close();
  }, []);

  // The web platform's reply stream of the open conversation: its deliveries tick the bubbles.
  useEffect(() => {
    setDelivered(0);
    void refresh(key);
    if (!key.startsWith('web:')) return;
    const source = new EventSource(`/webhooks/web/events?conversation=${encodeURIComponent(key.slice(4))}`);
    source.addEventListener('message', () => setDelivered((n) => n + 1));
    return () => source.close();
  }, [key]);

  // Platform renderings of every reply not rendered yet.
  useEffect(() => {
    if (view === 'web') return;
    const missing = detail.turns.flatMap((t) => t.replies).filter((m) => !previews.has(`${view}:${JSON.stringify(m)}`));
    if (missing.length === 0) return;
    post<PlatformPreview[]>('render', { platform: view, messages: missing }).then((out) => {
      setPreviews((old) => {
        const next = new Map(old);
        missing.forEach((m, i) => next.set(`${view}:${JSON.stringify(m)}`, out[i]));
        return next;
      });
    }, fail);
  }, [view, detail]);

  const last = detail.turns[detail.turns.length - 1];
  const waiting = detail.state.waiting ?? null;
  const here = waiting ?? last?.path[last.path.length - 1] ?? null;
  const current = here ? `${here.flow}/${here.step}` : undefined;
  const visited = useMemo(() => new Set((last?.path ?? []).map((p) => `${p.flow}/${p.step}`)), [last]);
  useEffect(() => {
    if (here) setFlowTab(here.flow);
  }, [here?.flow, last?.index]);
  const flows = bot?.flows ?? [];
  const shown = flows.find((f) => f.flow === flowTab) ?? flows.find((f) => f.flow === 'club-menu') ?? flows[0];

  const send = (action: UserAction) => {
    if (!key.startsWith('web:')) return;
    setNotice('');
    sendToBot(key.slice(4), user, action).catch(fail);
  };
  const branch = (turn: number, point: 'before' | 'after' = 'after') =>
    post<{ key: string }>(`conversations/${encodeURIComponent(detail.key)}/branch`, { turn, point }).then((r) => {
      setNotice(`Continuing from turn #${turn + (point === 'after' ? 1 : 0)} as a new branch.`);
      setDetail(emptyDetail(r.key));
      setKey(r.key);
    }, fail);

  return (
    <div class={`studio pane-${pane}`}>
      <header class="top">
        <h1>
          <span class="logo">◆</span> Parley Studio <span class="muted">· {bot?.name ?? '…'} · {bot?.version.slice(0, 8)}</span>
        </h1>
        <nav class="pane-tabs" aria-label="Panes">
          {(['flow', 'chat', 'inspect'] as Pane[]).map((p) => (
            <button type="button" class={pane === p ? 'on' : ''} onClick={() => setPane(p)}>{p === 'flow' ? 'Flow' : p === 'chat' ? 'Chat' : 'Inspect'}</button>
          ))}
        </nav>
      </header>
      {notice && <p class="notice" role="status" onClick={() => setNotice('')}>{notice}</p>}
      {!webOn && <p class="notice">The web platform is off, so the studio cannot chat: set PARLEY_WEB_ORIGINS (production).</p>}
      <main>
        <section class="pane flow" aria-label="Flows">
          {bot && <Diagnostics list={bot.diagnostics} />}
          <div class="tabs flow-tabs" role="tablist" aria-label="Flows">
            {flows.map((f) => (
              <button type="button" role="tab" aria-selected={f === shown} class={f === shown ? 'on' : ''} onClick={() => setFlowTab(f.flow)}>{f.flow}</button>
            ))}
          </div>
          <div class="diagram-box">{shown ? <FlowDiagram graph={shown} current={current} visited={visited} /> : <p class="muted">Loading flows…</p>}</div>
          <p class="legend">
            <span class="swatch current" /> where the conversation is <span class="swatch visited" /> steps the last turn ran <span class="swatch trigger" /> triggers
          </p>
        </section>
        <ChatPane
          detail={detail}
          view={view}
          setView={setView}
          previews={previews}
          delivered={delivered}
          user={user}
          setUser={setUser}
          send={send}
          fireTimer={() => post(`conversations/${encodeURIComponent(detail.key)}/fire-timer`).catch(fail)}
          backOneTurn={() => last && branch(last.index, 'before')}
          saveTest={() =>
            post<{ file: string }>(`conversations/${encodeURIComponent(detail.key)}/test`).then((r) => setNotice(`Saved as a test in ${r.file}; run it with npx parley test.`), fail)
          }
          newChat={() => {
            const k = `web:${randomId()}`;
            setDetail(emptyDetail(k));
            setKey(k);
          }}
        />
        <section class="pane inspect" aria-label="Inspector">
          <h2>State</h2>
          <StateBox state={detail.state} />
          <h2>Timeline</h2>
          <Timeline detail={detail} branch={(t) => branch(t, 'after')} />
          <h2>Conversations</h2>
          <Conversations
            list={list}
            current={key}
            open={(k) => {
              // Another platform's conversation is shown as that platform shows it.
              const platform = k.split(':')[0] as View;
              if (platform !== 'web' && VIEWS.includes(platform)) setView(platform);
              setKey(k);
            }}
          />
        </section>
      </main>
    </div>
  );
}
