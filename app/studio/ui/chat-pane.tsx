/**
 * The chat: the conversation's turns as bubbles (web or a platform's rendering), a composer
 * that sends through the web platform, and the simulate panel (timer, lifecycle, location,
 * media). Read-only for conversations of other platforms.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeInput, PreviewBubbles, WebBubble } from './bubbles';
import type { ConversationDetail, Message, Option, PlatformPreview, UserAction } from './types';

export const VIEWS = ['web', 'telegram', 'whatsapp', 'viber', 'messenger'] as const;
export type View = (typeof VIEWS)[number];
const VIEW_NAMES: Record<View, string> = { web: 'Web', telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber', messenger: 'Messenger' };

export interface ChatProps {
  detail: ConversationDetail | null;
  view: View;
  setView(v: View): void;
  previews: Map<string, PlatformPreview>;
  /** How many replies of this conversation the web platform delivered to this page. */
  delivered: number;
  user: { name: string; locale: string };
  setUser(u: { name: string; locale: string }): void;
  send(action: UserAction): void;
  fireTimer(): void;
  backOneTurn(): void;
  newChat(): void;
  saveTest(): void;
}

function Simulate(props: { send(a: UserAction): void; fireTimer(): void; hasTimer: boolean }) {
  const [lat, setLat] = useState('-34.6037');
  const [lon, setLon] = useState('-58.3816');
  const [url, setUrl] = useState('https://example.com/photo.jpg');
  const [type, setType] = useState('image');
  return (
    <div class="simulate" aria-label="Simulate">
      <button type="button" onClick={props.fireTimer} disabled={!props.hasTimer} title={props.hasTimer ? 'Fire the next pending timer now' : 'No pending timer'}>Fire next timer</button>
      <button type="button" onClick={() => props.send({ event: 'started' })}>Chat opened (started)</button>
      <button type="button" onClick={() => props.send({ event: 'subscribed' })}>Subscribed</button>
      <form class="row" onSubmit={(e) => (e.preventDefault(), props.send({ location: { latitude: Number(lat), longitude: Number(lon), name: 'Shared location' } }))}>
        <input aria-label="Latitude" value={lat} onInput={(e) => setLat(e.currentTarget.value)} size={8} />
        <input aria-label="Longitude" value={lon} onInput={(e) => setLon(e.currentTarget.value)} size={8} />
        <button type="submit">Send location</button>
      </form>
      <form class="row" onSubmit={(e) => (e.preventDefault(), props.send({ media: { type, url } }))}>
        <select aria-label="Media type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          {['image', 'video', 'audio', 'file', 'sticker'].map((t) => <option value={t}>{t}</option>)}
        </select>
        <input aria-label="Media URL" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        <button type="submit">Send media</button>
      </form>
    </div>
  );
}

/** The chat pane. */
export function ChatPane(p: ChatProps) {
  const [text, setText] = useState('');
  const [simulate, setSimulate] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const turns = p.detail?.turns ?? [];
  const readOnly = p.detail?.readOnly ?? false;
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [turns.length, p.view, p.previews.size]);

  const press = readOnly ? undefined : (o: Option) => p.send({ option: o });
  // Delivery ticks count the replies of turns this conversation ran itself (not copied history).
  let replyNo = 0;
  const bot = (m: Message, copied: boolean) => {
    // Only the web platform reports delivery to this page.
    const delivered = readOnly ? undefined : copied || replyNo++ < p.delivered;
    if (p.view === 'web') return <WebBubble message={m} delivered={delivered} onPress={press} />;
    return <PreviewBubbles message={m} preview={p.previews.get(`${p.view}:${JSON.stringify(m)}`)} onPress={press} />;
  };

  return (
    <section class={`pane chat view-${p.view}`} aria-label="Chat">
      <header class="pane-head">
        <div class="tabs" role="tablist" aria-label="Render as">
          {VIEWS.map((v) => (
            <button type="button" role="tab" aria-selected={p.view === v} class={p.view === v ? 'on' : ''} onClick={() => p.setView(v)}>
              {VIEW_NAMES[v]}
            </button>
          ))}
        </div>
        <div class="row user">
          <label>Name <input value={p.user.name} onInput={(e) => p.setUser({ ...p.user, name: e.currentTarget.value })} size={8} disabled={readOnly} /></label>
          <label>Locale <input value={p.user.locale} onInput={(e) => p.setUser({ ...p.user, locale: e.currentTarget.value })} size={4} disabled={readOnly} /></label>
          <button type="button" onClick={p.newChat} title="Start a new conversation">New chat</button>
          <button type="button" onClick={p.backOneTurn} disabled={readOnly || turns.length === 0} title="Continue from the state before the last turn, as a new branch">⟲ Back one turn</button>
          <button type="button" onClick={p.saveTest} disabled={turns.length === 0} title="Write this conversation as a parley test (flows/tests/studio.test.yaml)">Save as test</button>
          <button type="button" class={simulate ? 'on' : ''} onClick={() => setSimulate(!simulate)} disabled={readOnly} aria-expanded={simulate}>Simulate</button>
        </div>
        {simulate && !readOnly && <Simulate send={p.send} fireTimer={p.fireTimer} hasTimer={(p.detail?.state.timers.length ?? 0) > 0} />}
        {p.detail?.branchOf && (
          <p class="note">
            A branch of another conversation, from {p.detail.branchOf.point} its turn #{p.detail.branchOf.turn + 1}
          </p>
        )}
        {readOnly && <p class="note">Read-only: a {p.detail?.platform} conversation</p>}
      </header>
      <div class="messages" ref={list} aria-live="polite">
        {turns.length === 0 && (
          <div class="empty">
            <p class="muted">Say something to the bot, or try:</p>
            {!readOnly && (
              <div class="row suggestions">
                {['Hola', '!help', '!echo hi', 'new:my secret'].map((t) => (
                  <button type="button" onClick={() => p.send({ text: t })}>{t}</button>
                ))}
              </div>
            )}
          </div>
        )}
        {turns.map((t) => {
          const input = describeInput(t.input);
          return (
            <div class={`turn ${t.copiedFrom ? 'copied' : ''}`} data-turn={t.index}>
              {input.system ? <div class="msg system">{input.text}</div> : <div class="msg user"><div class="bubble">{input.text}</div></div>}
              {t.replies.map((m) => bot(m, !!t.copiedFrom))}
            </div>
          );
        })}
      </div>
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '') return;
          p.send({ text });
          setText('');
        }}
      >
        <input aria-label="Message" placeholder={readOnly ? 'Read-only' : 'Write a message…'} value={text} onInput={(e) => setText(e.currentTarget.value)} disabled={readOnly} />
        <button type="submit" disabled={readOnly}>Send</button>
      </form>
    </section>
  );
}
