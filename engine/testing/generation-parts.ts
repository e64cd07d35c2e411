/**
 * The pieces of test generation that are not the search: the stubs every generated test
 * uses, what makes two conversation states the same, captures of keys the bot gave, and
 * test names.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import type { Bot } from '../flow/flow-types.js';
import { edgeLabel, triggerLabel } from '../graph/graph-labels.js';
import type { ActionStub, TestTurn } from './flow-test-types.js';
import type { GenerateOptions } from './generate-tests.js';
import type { SavedConversation } from './test-conversation.js';

/** The actions every generated test stubs: web calls answer 200 `{}`, unknown actions return `{}`. */
export function defaultStubs(bot: Bot, actions: ActionRegistry): Record<string, ActionStub> {
  const out: Record<string, ActionStub> = {};
  for (const f of bot.flows) {
    for (const s of f.steps) {
      if (!('call' in s)) continue;
      if (s.call === 'http.request') out[s.call] = { result: { status: 200, body: '{}', json: {} } };
      else if (!actions[s.call]) out[s.call] = { result: {} };
    }
  }
  return out;
}

/** Random-looking values (vault ids, tokens) as one value, so they do not make every state new. */
function shape(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 24 || (v.length >= 8 && /\d/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v)) ? '<id>' : v;
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v;
}

/** A key for "the same conversation state": where it waits and what it may still read. */
export function stateKey(saved: SavedConversation, live: (saved: SavedConversation) => Set<string> | undefined): string {
  const names = live(saved);
  const vars = names ? Object.fromEntries(Object.entries(saved.context.vars).filter(([k]) => names.has(k))) : saved.context.vars;
  const c = { ...saved.context, vars: shape(vars) };
  const timers = c.timers.map((t) => `${t.kind}:${t.flow}.${t.step}`).sort();
  return JSON.stringify([c.waiting, c.vars, c.retries, c.stack, timers, (saved.snapshot as { machine?: { value?: unknown } } | undefined)?.machine?.value]);
}

/**
 * A user text that repeats an earlier single reply (a key the bot gave) becomes a capture:
 * `matches: '^(?<replyN>.+)$'` on that turn and `user: "{{ replyN }}"`, so replays send
 * whatever the bot says then.
 */
export function withCaptures(path: TestTurn[]): TestTurn[] {
  const turns = path.map((t) => ({ ...t }));
  turns.forEach((t, k) => {
    if (t.user === undefined) return;
    const j = turns.findIndex((u, i) => i < k && typeof u.bot === 'string' && u.bot === t.user);
    if (j < 0) return;
    turns[j].matches = `^(?<reply${j + 1}>.+)$`;
    t.user = `{{ reply${j + 1} }}`;
  });
  return turns;
}

/** A target in words, for test names: `club-menu.choose option "Tenis"`. */
export function describeTarget(o: GenerateOptions, id: string): string {
  const i = Number(id.slice(1));
  if (id[0] === 'n') return `step ${o.graph.nodes[i].flow}.${o.graph.nodes[i].step}`;
  if (id[0] === 't') {
    const e = o.graph.entries[i];
    return `trigger ${triggerLabel(o.bot.flows[e.fi]?.triggers?.[e.trigger], o.bot.config.command_prefix)} of ${e.flow}`;
  }
  const e = o.graph.edges[i];
  const label = edgeLabel(o.bot, e);
  return `${e.from.flow}.${e.from.step} ${e.kind}${label && label.replace(/ /g, '_') !== e.kind ? ` "${label}"` : ''}`;
}
