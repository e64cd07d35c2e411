/**
 * What the studio does besides showing: the flows folder's report (diagrams and validation),
 * time travel (a new conversation that starts from an earlier turn's state) and firing a
 * conversation's next timer now. Everything goes through the store and the pipeline, as
 * platform traffic does.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { loadBot } from '../../engine/flow/load-bot.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { ParsedSource } from '../../engine/flow/parsed-source.js';
import type { Pipeline } from '../../engine/runtime/pipeline.js';
import type { ConversationStore, TimerRecord } from '../../engine/runtime/store.js';
import { conversationKey, type PlatformLimits } from '../../engine/types.js';
import { HttpError } from '../../engine/server/http-error.js';
import { botGraphs, type FlowGraph } from './flow-graph.js';
import { stateView, type TurnLog } from './turn-log.js';
import type { BotReport, StudioDiagnostic } from './studio-types.js';

/** What the studio's actions need. */
export interface StudioActionDeps {
  store: ConversationStore;
  bot: Bot;
  /** The running bot's parsed flow files (its diagrams). */
  sources: readonly ParsedSource[];
  pipeline: Pipeline;
  turns: TurnLog;
  flowsDir: string;
  checkOptions: { limits: Record<string, PlatformLimits>; actions: string[] };
  now(): number;
}

export type { StudioDiagnostic };

/** The running bot's diagrams and a fresh validation of the flows folder as it is now. */
export async function botReport(deps: StudioActionDeps): Promise<BotReport> {
  // Read the folder again: the running bot stays as it was loaded, but the author sees
  // what is wrong with the files as they are now.
  const loaded = await loadBot(deps.flowsDir, deps.checkOptions);
  const texts = new Map<string, string[]>();
  const diagnostics: StudioDiagnostic[] = [];
  for (const d of loaded.diagnostics) {
    const file = d.span.file;
    if (!texts.has(file)) {
      const path = isAbsolute(file) ? file : join(process.cwd(), file);
      texts.set(file, (await readFile(path, 'utf8').catch(() => '')).split('\n'));
    }
    const lines = texts.get(file)!;
    const firstLine = Math.max(1, d.span.line - 3);
    const lastLine = Math.min(lines.length, (d.span.endLine ?? d.span.line) + 3);
    diagnostics.push({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
      file,
      line: d.span.line,
      col: d.span.col,
      ...(d.span.endLine ? { endLine: d.span.endLine } : {}),
      excerpt: { firstLine, lines: lines.slice(firstLine - 1, lastLine) },
    });
  }
  return { name: deps.bot.config.name ?? 'Parley bot', version: deps.bot.version, flows: botGraphs(deps.bot, deps.sources), diagnostics };
}

/** A fresh web conversation id (unguessable, as the web platform wants). */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** Timer records for the timers a snapshot holds. */
function timersOf(key: string, platform: string, conversation: string, snapshot: unknown, dueNow?: { id: string; at: number }): TimerRecord[] {
  return stateView(snapshot).timers.map((t) => ({
    key,
    timerId: t.timerId,
    dueAt: dueNow && dueNow.id === t.timerId ? dueNow.at : t.dueAt,
    platform,
    conversation,
  }));
}

/**
 * Time travel: a new web conversation whose state is the one `key` had after turn `turn`
 * (or before it), with the timeline up to there copied. The original stays as it was.
 */
export async function branchConversation(deps: StudioActionDeps, key: string, turn: number, point: 'before' | 'after'): Promise<{ key: string; conversation: string }> {
  const source = deps.turns.get(key);
  const snaps = source?.snapshots.get(turn);
  if (!source || !snaps) throw new StudioActionError(404, `turn ${turn} of ${key} is not in the studio's record`);
  const conversation = newConversationId();
  const newKey = conversationKey('web', conversation);
  const snapshot = point === 'after' ? snaps.after : snaps.before;
  if (snapshot !== undefined) {
    const committed = await deps.store.commit({
      key: newKey,
      expectedRevision: 0,
      snapshot,
      flowVersion: deps.bot.version,
      outbox: [],
      timers: timersOf(newKey, 'web', conversation, snapshot),
    });
    if (!committed.ok) throw new StudioActionError(409, 'the new conversation exists already; try again');
  }
  const branch = deps.turns.open(newKey, 'web', conversation);
  branch.branchOf = { key, turn, point };
  for (const t of source.turns) {
    if (t.index > turn || (t.index === turn && point === 'before')) break;
    deps.turns.push(branch, { ...t, copiedFrom: key }, source.snapshots.get(t.index)!);
  }
  return { key: newKey, conversation };
}

/** Makes the conversation's next timer due now and lets the pipeline fire it as it would. */
export async function fireNextTimer(deps: StudioActionDeps, key: string): Promise<{ timerId: string }> {
  const record = await deps.store.load(key);
  const timers = stateView(record?.snapshot).timers.sort((a, b) => a.dueAt - b.dueAt);
  if (!record || timers.length === 0) throw new StudioActionError(409, 'this conversation has no pending timer');
  const [platform, ...rest] = key.split(':');
  const next = timers[0];
  const committed = await deps.store.commit({
    key,
    expectedRevision: record.revision,
    snapshot: record.snapshot,
    flowVersion: record.flowVersion,
    outbox: [],
    timers: timersOf(key, platform, rest.join(':'), record.snapshot, { id: next.timerId, at: deps.now() }),
  });
  if (!committed.ok) throw new StudioActionError(409, 'the conversation moved meanwhile; try again');
  await deps.pipeline.tick();
  return { timerId: next.timerId };
}

/** A studio action that cannot be done, with the HTTP status to answer. */
export class StudioActionError extends HttpError {
  constructor(status: number, message: string) {
    super(status, message);
  }
}
