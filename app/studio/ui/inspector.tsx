/**
 * The conversation's state (current step, variables, stack, timers), the timeline of its
 * turns with time travel, and the list of every conversation the server ran.
 */
import { useState } from 'preact/hooks';
import { describeInput } from './bubbles';
import type { ConversationDetail, ConversationSummary, StateView, Turn } from './types';

const pos = (p: { flow: string; step: string } | null | undefined) => (p ? `${p.flow} · ${p.step}` : 'idle');
const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Current step, variables, stack and timers. */
export function StateBox(props: { state: StateView | undefined }) {
  const s = props.state;
  if (!s) return <p class="muted">No conversation yet.</p>;
  const vars = Object.entries(s.vars);
  return (
    <div class="state">
      <dl>
        <dt>Current step</dt>
        <dd class="current-step" data-testid="current-step">{s.waiting ? `${pos(s.waiting)} (${s.waiting.kind})` : 'idle — waits for a trigger'}</dd>
        <dt>User</dt>
        <dd>{s.user ? `${s.user.name ?? '—'} · ${s.user.locale ?? '—'}` : '—'}</dd>
      </dl>
      <h3>Variables</h3>
      {vars.length === 0 ? <p class="muted">none</p> : (
        <table class="vars">
          <tbody>
            {vars.map(([k, v]) => (
              <tr><th>{k}</th><td><code>{typeof v === 'string' ? v : JSON.stringify(v)}</code></td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Stack</h3>
      {s.stack.length === 0 ? <p class="muted">empty</p> : <ol class="stack">{s.stack.map((f) => <li><code>{pos(f)}</code> <span class="muted">{f.why}</span></li>)}</ol>}
      <h3>Timers</h3>
      {s.timers.length === 0 ? <p class="muted">none</p> : <ul>{s.timers.map((t) => <li><code>{t.timerId}</code> {t.kind} at {new Date(t.dueAt).toLocaleTimeString()}</li>)}</ul>}
    </div>
  );
}

function TurnCard(props: { turn: Turn; readOnly: boolean; branch(turn: number): void }) {
  const [open, setOpen] = useState(false);
  const t = props.turn;
  const input = describeInput(t.input);
  return (
    <li class={`turn-card ${t.copiedFrom ? 'copied' : ''}`} data-turn={t.index}>
      <button type="button" class="turn-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span class="turn-no">#{t.index + 1}</span>
        <span class="turn-input">{input.system ? <em>{input.text}</em> : `“${input.text}”`}</span>
        <span class="turn-move">{pos(t.before.waiting)} → {pos(t.after.waiting)}</span>
      </button>
      {open && (
        <div class="turn-body">
          <p><strong>{new Date(t.at).toLocaleTimeString()}</strong> · {t.replies.length} repl{t.replies.length === 1 ? 'y' : 'ies'} · path: {t.path.map((p) => p.step).join(' → ') || '—'}</p>
          <div class="before-after">
            <div><h4>Before</h4><pre>{json({ waiting: t.before.waiting, vars: t.before.vars })}</pre></div>
            <div><h4>After</h4><pre>{json({ waiting: t.after.waiting, vars: t.after.vars })}</pre></div>
          </div>
          <h4>Replies</h4>
          <pre>{json(t.replies)}</pre>
        </div>
      )}
      {!props.readOnly && (
        <button type="button" class="link" onClick={() => props.branch(t.index)} title="Continue from the state after this turn, as a new branch">
          ↳ continue from here
        </button>
      )}
    </li>
  );
}

/** Every turn, oldest first. */
export function Timeline(props: { detail: ConversationDetail | null; branch(turn: number): void }) {
  const turns = props.detail?.turns ?? [];
  if (turns.length === 0) return <p class="muted">No turns yet.</p>;
  return <ol class="timeline">{turns.map((t) => <TurnCard turn={t} readOnly={props.detail!.readOnly} branch={props.branch} />)}</ol>;
}

/** The conversations this server ran, any platform. */
export function Conversations(props: { list: ConversationSummary[]; current?: string; open(key: string): void }) {
  if (props.list.length === 0) return <p class="muted">None yet.</p>;
  return (
    <ul class="conversations">
      {props.list.map((c) => (
        <li>
          <button type="button" class={c.key === props.current ? 'on' : ''} onClick={() => props.open(c.key)}>
            <span class={`badge p-${c.platform}`}>{c.platform}</span> {c.user?.name ?? c.conversation.slice(0, 8)}
            <span class="muted"> · {c.turns} turns · {pos(c.waiting)}{c.branchOf ? ' · branch' : ''}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
