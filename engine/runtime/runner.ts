/**
 * The runner: one turn of one conversation. It restores the conversation's machine snapshot,
 * sends the input, waits until the machine is stable (waiting for input or idle), and returns
 * the replies, log entries, pending timers and the new snapshot. It does no storage itself.
 */
import { createActor, waitFor, type AnyActorRef, type InspectionEvent } from 'xstate';
import type { ActionContext, ActionRegistry } from '../actions/action-types.js';
import { builtinActions as builtins } from '../actions/builtin-actions.js';
import { compileBot, type CompiledBot } from '../compile/compile-bot.js';
import { STABLE_TAG } from '../compile/steps/waiting-step.js';
import type { BotContext, StepRef } from '../compile/bot-context.js';
import { ConversationError, type SourceSpan } from '../errors.js';
import type { Bot } from '../flow/flow-types.js';
import type { ConversationKey, InboundEvent } from '../types.js';
import { sensitiveInputCheck } from '../compile/sensitive-input.js';
import type { Logger } from './logger.js';
import type { TurnInput, TurnResult } from './turn.js';
import { containsAny, sensitiveLeaves } from '../compile/sensitive-values.js';
import { openContext, sealContext } from './sealed-snapshot.js';
import { isRunnerSnapshot, migrateSnapshot, normalizeContext, wrapSnapshot, type PersistedMachine } from './runner-snapshot.js';

/** What a runner needs injected. */
export interface RunnerDeps {
  actions: ActionRegistry;
  logger: Logger;
  now(): number;
  /** Longest a turn may take (slow actions included) before it is abandoned; default 60 s. */
  turnTimeoutMs?: number;
  /** Sees every xstate inspection event of every turn (`parley test` records coverage with it). */
  inspect?: (event: InspectionEvent) => void;
}

/** Runs turns of one bot. */
export interface Runner {
  readonly bot: Bot;
  /**
   * Runs one turn. snapshot undefined = new conversation. Action errors go to on_error or are
   * logged; a turn that fails otherwise (a goto loop, a broken template, the time limit)
   * rejects with a ConversationError (retryable: false) and leaves nothing to commit.
   */
  handle(args: { key: ConversationKey; snapshot: unknown | undefined; input: TurnInput; actionContext: ActionContext }): Promise<TurnResult>;
  /** True when the event may carry a value a flow marked sensitive (the inbox then seals it). */
  mightBeSensitive(event: InboundEvent): boolean;
}

/** The built-in actions: vault.store, vault.reveal, http.request, log. */
export function builtinActions(): ActionRegistry {
  return builtins();
}

/** Where a step is written, when the bot was loaded from files. */
function stepSpan(bot: Bot, flow: string, step: string): SourceSpan | undefined {
  const f = bot.flows.find((x) => x.id === flow);
  const si = f ? f.steps.findIndex((s, i) => (s.id ?? `@${i}`) === step) : -1;
  return si >= 0 ? bot.spans?.[flow]?.[si] : undefined;
}

/** Picks the machine snapshot to start from (sealed values opened); undefined = a new conversation. */
function startingPoint(compiled: CompiledBot, bot: Bot, snapshot: unknown, key: Buffer): PersistedMachine | undefined {
  if (!isRunnerSnapshot(snapshot)) return undefined;
  const context = openContext(snapshot.machine.context, key);
  if (snapshot.botVersion === bot.version) return { ...snapshot.machine, context: normalizeContext(context) };
  return migrateSnapshot(compiled, context);
}

/** Creates and starts an actor; an unrestorable snapshot falls back to a migration, then to new. */
function startActor(compiled: CompiledBot, from: PersistedMachine | undefined, actionContext: ActionContext, path: StepRef[], outer?: RunnerDeps['inspect']) {
  // Steps chain inside one macrostep; only the inspector sees each microstep's position.
  const inspect = (ev: Parameters<NonNullable<RunnerDeps['inspect']>>[0]) => {
    outer?.(ev);
    if (ev.type !== '@xstate.microstep') return;
    const at = ((ev as { snapshot?: unknown }).snapshot as { context?: BotContext } | undefined)?.context?.at;
    const last = path[path.length - 1];
    if (at && (!last || last.flow !== at.flow || last.step !== at.step)) path.push({ flow: at.flow, step: at.step });
  };
  const candidates = from ? [from, migrateSnapshot(compiled, from.context), undefined] : [undefined];
  let lastError: unknown;
  for (const snapshot of candidates) {
    try {
      path.length = 0;
      const actor = createActor(compiled.machine, { ...(snapshot ? { snapshot: snapshot as never } : {}), inspect });
      compiled.actionContexts.set(actor, actionContext);
      // An error observer keeps xstate from rethrowing machine errors globally; the turn
      // reads the error from the snapshot instead.
      actor.subscribe({ error: () => {} });
      actor.start();
      // xstate reports an unrestorable snapshot as an actor in error, not as a throw.
      if (actor.getSnapshot().status !== 'active') throw actor.getSnapshot().error ?? new Error('snapshot not restorable');
      return actor;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** Builds the runner; the machine is compiled once here and shared by all turns. */
export function createRunner(bot: Bot, deps: RunnerDeps): Runner {
  const compiled = compileBot(bot, deps);
  const timeout = deps.turnTimeoutMs ?? 60_000;

  const result = (context: BotContext, machine: PersistedMachine, key: Buffer, path: StepRef[]): TurnResult => {
    // Replies that repeat a sensitive value are sealed in the outbox by the caller.
    const leaves = sensitiveLeaves(context, compiled.sensitive.vars);
    return {
      snapshot: wrapSnapshot(bot.version, { ...machine, context: sealContext(machine.context, compiled.sensitive.vars, leaves, key) }),
      botVersion: bot.version,
      messages: context.out,
      sensitiveMessages: context.out.map((m) => containsAny(m, leaves)),
      sensitiveInput: context.sensitive.includes('input'),
      logs: context.logs,
      timers: context.timers.map((t) => ({ timerId: t.timerId, dueAt: t.dueAt })),
      path,
    };
  };

  const mightBeSensitive = sensitiveInputCheck(bot, compiled.addresses, compiled.sensitive);

  return {
    bot,
    mightBeSensitive,
    async handle({ key, snapshot, input, actionContext }) {
      const from = startingPoint(compiled, bot, snapshot, actionContext.secretKey);
      let actor: AnyActorRef | undefined;
      const path: StepRef[] = [];
      try {
        actor = startActor(compiled, from, actionContext, path, deps.inspect);
        actor.send({ type: 'turn', input });
        const stable = (s: ReturnType<AnyActorRef['getSnapshot']>) => s.status !== 'active' || s.hasTag(STABLE_TAG);
        // Most turns are stable as soon as the event is handled (no action to wait for):
        // waitFor would still arm and clear a timeout for each of them.
        const now = actor.getSnapshot();
        const done = stable(now) ? now : await waitFor(actor, stable, { timeout });
        if (done.status === 'error') throw done.error;
        return result(done.context as BotContext, actor.getPersistedSnapshot() as unknown as PersistedMachine, actionContext.secretKey, path);
      } catch (err) {
        // A broken turn changes nothing: the caller keeps the state, the variables and the
        // pending timers the conversation had before it (the pipeline marks the event
        // processed and moves on), and nothing said during the failed turn is sent.
        // xstate rolls the context back on an error, so the step comes with the error (see
        // compile-bot's action wrapper); the message names the step's file:line:col.
        const at = (err as { step?: BotContext['at'] })?.step ?? (actor?.getSnapshot() as { context?: BotContext } | undefined)?.context?.at;
        const span = at ? stepSpan(bot, at.flow, at.step) : undefined;
        const where = at ? ` at ${span ? `${span.file}:${span.line}:${span.col} ` : ''}(flow "${at.flow}", step "${at.step}")` : '';
        const cause = err as Error | undefined;
        throw new ConversationError(`Turn failed${where}: ${cause?.name ?? 'Error'}: ${cause?.message ?? String(err)}`, {
          conversation: key,
          step: at ? `${at.flow}.${at.step}` : undefined,
          cause: err,
          retryable: false,
          span,
        });
      } finally {
        if (actor) compiled.actionContexts.delete(actor);
        actor?.stop();
      }
    },
  };
}
