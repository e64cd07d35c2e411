/**
 * The runner's persisted snapshot: xstate's persisted machine snapshot wrapped with the bot
 * version it was made with. A snapshot from another bot version is migrated: resume at the
 * waiting step if it still exists, else go idle keeping the variables.
 */
import type { CompiledBot } from '../compile/compile-bot.js';
import { initialContext, type BotContext, type Frame, type StepRef, type TimerData } from '../compile/bot-context.js';
import { stepDefinition, stepKind } from '../compile/steps/step-registry.js';

/** What the runner stores per conversation (plain JSON). */
export interface RunnerSnapshot {
  format: 'parley.runner/1';
  botVersion: string;
  machine: PersistedMachine;
}

/** The parts of xstate's persisted snapshot the runner reads or builds. */
export interface PersistedMachine {
  status: string;
  value: unknown;
  context: BotContext;
  children: Record<string, unknown>;
  historyValue: Record<string, unknown>;
  [k: string]: unknown;
}

/**
 * Wraps a persisted machine snapshot, dropping the per-turn output arrays. No deep copy: the
 * actor is stopped after the turn, and every store serializes what it keeps (the memory store
 * copies through JSON too), so nothing can share objects with a stored snapshot.
 */
export function wrapSnapshot(botVersion: string, machine: PersistedMachine): RunnerSnapshot {
  return { format: 'parley.runner/1', botVersion, machine: { ...machine, context: { ...machine.context, out: [], logs: [], steps: 0 } } };
}

/** True when a value looks like a RunnerSnapshot (old or foreign data is treated as new). */
export function isRunnerSnapshot(value: unknown): value is RunnerSnapshot {
  const v = value as RunnerSnapshot | null;
  return !!v && typeof v === 'object' && v.format === 'parley.runner/1' && !!v.machine && typeof v.machine === 'object';
}

/** What a context saved before the stack had: a call stack and interrupted questions. */
interface LegacyStack {
  calls?: StepRef[];
  interrupts?: (StepRef & { calls?: StepRef[] })[];
}

/**
 * The stack of a context saved before frames existed: each interrupted question with the
 * callers it had, then the current callers and question. Those questions were promised a
 * silent resume, so that is what they keep.
 */
function legacyStack(c: Partial<BotContext> & LegacyStack): Frame[] {
  const frames: Frame[] = [];
  const segment = (calls: StepRef[], top: StepRef, onResume?: Frame['onResume']) => {
    [...calls, top].forEach((f, i) => {
      const why: Frame['why'] = i > 0 ? 'call' : frames.length === 0 ? 'start' : 'interrupt';
      const resume = i < calls.length ? 'continue' : onResume;
      frames.push({ flow: f.flow, step: f.step, why, ...(resume ? { onResume: resume } : {}) });
    });
  };
  for (const f of Array.isArray(c.interrupts) ? c.interrupts : []) segment(Array.isArray(f.calls) ? f.calls : [], f, 'silent');
  if (c.waiting) segment(Array.isArray(c.calls) ? c.calls : [], c.waiting);
  return frames;
}

/** Fills in a possibly old or partial context so every field has the right shape. */
export function normalizeContext(raw: unknown): BotContext {
  const base = initialContext();
  if (!raw || typeof raw !== 'object') return base;
  const c = raw as Partial<BotContext> & LegacyStack;
  const arr = <T>(v: T[] | undefined) => (Array.isArray(v) ? v : []);
  return {
    ...base,
    vars: c.vars && typeof c.vars === 'object' ? c.vars : {},
    user: c.user ?? null,
    platform: typeof c.platform === 'string' ? c.platform : '',
    input: c.input ?? null,
    match: c.match ?? {},
    command: c.command ?? null,
    sensitive: arr(c.sensitive),
    stack: Array.isArray(c.stack) ? c.stack : legacyStack(c),
    waiting: c.waiting ?? null,
    timers: arr(c.timers),
    timerSeq: typeof c.timerSeq === 'number' ? c.timerSeq : 0,
    retries: typeof c.retries === 'number' ? c.retries : 0,
    at: c.at ?? null,
    ...(c.userSet && typeof c.userSet === 'object' ? { userSet: c.userSet } : {}),
  };
}

/** A persisted machine snapshot at `value` with `context`. */
function persisted(value: unknown, context: BotContext): PersistedMachine {
  return { status: 'active', value, context, children: {}, historyValue: {} };
}

/**
 * Rebuilds a snapshot for this bot version from an old context. The waiting step's kind
 * declares how a conversation waiting in it comes back (StepKindDef.migrate); suspended frames
 * stay when their step still is a `flow:` step (callers) or a waiting step (questions), with
 * the timers their kinds keep. Otherwise the conversation goes idle with its variables. Named
 * schedules stay as long as what they start still exists.
 */
export function migrateSnapshot(compiled: CompiledBot, oldContext: unknown): PersistedMachine {
  const ctx = normalizeContext(oldContext);
  const { addresses } = compiled;
  const defAt = (ref: StepRef | null | undefined) => {
    const pos = ref && addresses.find(ref.flow, ref.step);
    return pos ? stepDefinition(stepKind(addresses.step(pos.fi, pos.si))) : undefined;
  };
  const schedules = ctx.timers.filter((t) => t.kind === 'schedule' && (!t.start || addresses.find(t.start.flow, t.start.step)));
  const waiting = ctx.waiting;
  const def = defAt(waiting);
  if (waiting && def?.migrate && def.waits === waiting.kind) {
    const below = ctx.stack.slice(0, -1).filter((f) => (f.onResume === 'continue' ? defAt(f)?.kind === 'flow' : !!defAt(f)?.waits));
    const top = ctx.stack.at(-1);
    const stack: Frame[] = [...below, top && top.flow === waiting.flow ? { ...top, step: waiting.step } : { flow: waiting.flow, step: waiting.step, why: 'start' }];
    stack[0] = { ...stack[0], why: 'start' };
    const kept = (t: TimerData) => stack.some((f) => f.flow === t.flow && f.step === t.step && (defAt(f)?.migrate?.keepTimers ?? []).includes(t.kind as 'wait'));
    const context: BotContext = { ...ctx, stack, timers: [...ctx.timers.filter((t) => t.kind !== 'schedule' && kept(t)), ...schedules] };
    return persisted({ flows: { [waiting.flow]: { [waiting.step]: def.migrate.substate } } }, context);
  }
  return persisted('idle', { ...ctx, stack: [], waiting: null, timers: schedules, retries: 0 });
}
