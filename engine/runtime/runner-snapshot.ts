/**
 * The runner's persisted snapshot: xstate's persisted machine snapshot wrapped with the bot
 * version it was made with. A snapshot from another bot version is migrated: resume at the
 * waiting step if it still exists, else go idle keeping the variables.
 */
import type { CompiledBot } from '../compile/compile-bot.js';
import { initialContext, type BotContext, type StepRef } from '../compile/bot-context.js';
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

/** Fills in a possibly old or partial context so every field has the right shape. */
export function normalizeContext(raw: unknown): BotContext {
  const base = initialContext();
  if (!raw || typeof raw !== 'object') return base;
  const c = raw as Partial<BotContext>;
  const arr = <T>(v: T[] | undefined) => (Array.isArray(v) ? v : []);
  return {
    ...base,
    vars: c.vars && typeof c.vars === 'object' ? c.vars : {},
    user: c.user ?? null,
    platform: typeof c.platform === 'string' ? c.platform : '',
    input: c.input ?? null,
    match: c.match ?? {},
    command: c.command ?? null,
    calls: arr(c.calls),
    interrupts: arr(c.interrupts),
    waiting: c.waiting ?? null,
    timers: arr(c.timers),
    timerSeq: typeof c.timerSeq === 'number' ? c.timerSeq : 0,
    retries: typeof c.retries === 'number' ? c.retries : 0,
    at: c.at ?? null,
  };
}

/** A persisted machine snapshot at `value` with `context`. */
function persisted(value: unknown, context: BotContext): PersistedMachine {
  return { status: 'active', value, context, children: {}, historyValue: {} };
}

/**
 * Rebuilds a snapshot for this bot version from an old context: back at the waiting step when
 * its flow and step id still exist as a waiting step, otherwise idle with the variables kept.
 */
export function migrateSnapshot(compiled: CompiledBot, oldContext: unknown): PersistedMachine {
  const ctx = normalizeContext(oldContext);
  const { addresses } = compiled;
  const defAt = (ref: StepRef | null | undefined) => {
    const pos = ref && addresses.find(ref.flow, ref.step);
    return pos ? stepDefinition(stepKind(addresses.step(pos.fi, pos.si))) : undefined;
  };
  const exists = (ref: StepRef | null | undefined, kinds: string[]) => {
    const def = defAt(ref);
    return !!def && kinds.includes(def.kind);
  };
  const waiting = ctx.waiting;
  const def = defAt(waiting);
  // The waiting step's kind declares how a conversation waiting in it comes back.
  if (waiting && def?.migrate && def.waits === waiting.kind) {
    const keep = def.migrate.keepTimers;
    const context: BotContext = {
      ...ctx,
      calls: ctx.calls.filter((c) => exists(c, ['flow'])),
      interrupts: ctx.interrupts
        .filter((f) => !!defAt(f)?.waits)
        .map((f) => ({ ...f, calls: (f.calls ?? []).filter((c) => exists(c, ['flow'])) })),
      timers: ctx.timers.filter((t) => t.flow === waiting.flow && t.step === waiting.step && keep.includes(t.kind)),
    };
    return persisted({ flows: { [waiting.flow]: { [waiting.step]: def.migrate.substate } } }, context);
  }
  return persisted('idle', { ...ctx, calls: [], interrupts: [], waiting: null, timers: [], retries: 0 });
}
