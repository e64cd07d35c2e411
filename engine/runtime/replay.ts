/**
 * Replays recorded conversations against a candidate bot, sending nothing, and lists turn by
 * turn where it answers differently. Each conversation starts fresh and is fed its recorded
 * inputs in order, on the recorded clock. Actions are not run (a replay must not store
 * secrets or call out): each returns an empty result, on both sides of the comparison.
 * What the candidate is compared with: the recorded version replayed the same way when the
 * whole transcript ran on one version whose sources are kept (so only the flow change can
 * make a difference), else the replies as recorded.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import type { ConversationKey, InboundEvent, OutboundMessage, UserInfo } from '../types.js';
import type { Runner } from './runner.js';
import { silentLogger } from './logger.js';
import { createMemoryStore } from './stores/memory-store.js';
import type { TurnInput } from './turn.js';
import type { TranscriptEntry } from './version-store.js';
import { REDACTED } from './redact-turn.js';
import { playTurn, turnActionContext } from './conversation-driver.js';

/** One turn where the candidate answered differently. */
export interface ReplayDivergence {
  /** 1-based turn number. */
  turn: number;
  input: TranscriptEntry['input'];
  expected: string[];
  actual: string[];
}

/** The outcome for one conversation. */
export interface ReplayReport {
  key: ConversationKey;
  turns: number;
  /** What the candidate was compared with. */
  against: 'recorded version replayed' | 'recorded replies';
  diverged: ReplayDivergence[];
  /** Why the conversation could not be replayed (it is then not counted as diverging). */
  skipped?: string;
}

/** Every registered action name, answering `{}` without doing anything. */
export function inertActions(names: readonly string[]): ActionRegistry {
  return Object.fromEntries(names.map((name) => [name, { name, run: async () => ({}) }]));
}

/** A reply as text, for comparison and display. */
export function replyText(m: OutboundMessage): string {
  if (m.kind === 'text') return m.text;
  if (m.kind === 'options') return `${m.text} [${m.options.map((o) => o.title).join(' | ')}]`;
  return `(${m.kind})`;
}

/** Rebuilds the event a transcript turn recorded. */
export function inputOf(key: ConversationKey, entry: TranscriptEntry, n: number): TurnInput {
  const cut = key.indexOf(':');
  const platform = key.slice(0, cut);
  const conversation = key.slice(cut + 1);
  const { user, ...fields } = (entry.input.fields ?? {}) as { user?: UserInfo } & Record<string, unknown>;
  if (entry.input.kind === 'timer') return { kind: 'timer', timerId: String(fields.timerId ?? ''), platform, conversation };
  const base = { platform, conversation, user: user ?? { id: conversation }, eventId: `replay-${n}`, timestamp: entry.at };
  const text = entry.input.text === undefined ? {} : { text: entry.input.text };
  const option = entry.input.option === undefined ? {} : { optionId: entry.input.option };
  return { ...base, ...fields, ...text, ...option, kind: entry.input.kind } as InboundEvent;
}

/** Runs the inputs on `runner` from a fresh conversation; the replies of each turn. */
async function run(runner: Runner, key: ConversationKey, entries: readonly TranscriptEntry[]): Promise<string[][]> {
  const store = createMemoryStore();
  let snapshot: unknown;
  const out: string[][] = [];
  for (const [i, entry] of entries.entries()) {
    const input = inputOf(key, entry, i);
    const actionContext = turnActionContext(key, input, {
      store, logger: silentLogger, now: () => entry.at,
      http: { request: async () => ({ status: 503, headers: {}, body: '' }) }, secretKey: Buffer.alloc(32),
    });
    try {
      const result = await playTurn(runner, { key, snapshot, input, actionContext });
      snapshot = result.snapshot;
      out.push(result.messages.map(replyText));
    } catch (err) {
      out.push([`(turn failed: ${(err as Error).message})`]);
    }
  }
  return out;
}

/** Replays one transcript; `reference` is the recorded version's runner, when available. */
export async function replayTranscript(key: ConversationKey, entries: readonly TranscriptEntry[], candidate: Runner, reference?: Runner): Promise<ReplayReport> {
  const against = reference ? 'recorded version replayed' : 'recorded replies';
  const report: ReplayReport = { key, turns: entries.length, against, diverged: [] };
  if (entries.length === 0) return { ...report, skipped: 'no recorded turns' };
  if (entries[0].from !== null) return { ...report, skipped: `the transcript starts mid-conversation (at ${entries[0].from}); older turns are past the retention` };
  if (entries.some((e) => JSON.stringify(e.input).includes(REDACTED))) {
    return { ...report, skipped: 'it has inputs a flow marked sensitive (not kept, so not replayable)' };
  }
  const actual = await run(candidate, key, entries);
  const expected = reference ? await run(reference, key, entries) : entries.map((e) => e.replies.map(replyText));
  actual.forEach((got, i) => {
    if (JSON.stringify(got) !== JSON.stringify(expected[i])) report.diverged.push({ turn: i + 1, input: entries[i].input, expected: expected[i], actual: got });
  });
  return report;
}
