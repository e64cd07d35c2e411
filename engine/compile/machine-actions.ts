/**
 * The named actions of the bot machine, as functions from (context, event, params) to a
 * context update and, for the routing ones, an event to raise. compile-bot.ts wraps them in
 * xstate's assign/enqueueActions; keeping them plain makes the effects easy to read.
 */
import type { LocalizedText, SendStep } from '../flow/flow-types.js';
import type { MediaType, OutboundMessage } from '../types.js';
import type { Logger } from '../runtime/logger.js';
import { renderValue } from '../template/render-template.js';
import { ParleyError } from '../errors.js';
import { MAX_INTERRUPTS, MAX_STEPS_PER_TURN, type BotContext, type BotEvent, type StepRef, type TimerData } from './bot-context.js';
import { compactView, viewInput } from './input-view.js';
import { readAnswer, type AnswerResult } from './match-answer.js';
import type { AskType } from '../flow/flow-types.js';
import { renderText, scopeOf } from './turn-scope.js';
import { answerOptions } from './answer-options.js';
import { setUserField, userField } from './user-fields.js';
import { routeInput, type TriggerIndex } from './trigger-index.js';
import type { StepAddresses } from './step-address.js';

/** A context update plus, optionally, an event to raise. */
export interface Effect {
  assign: Partial<BotContext>;
  /** Event to raise after the update (jump/resume/back/answer/fire/idle). */
  raise?: { type: string; kind?: 'wait' | 'remind' };
}

/** A flow that ran too many steps in one turn (a `goto` loop that never waits). */
export class FlowLoopError extends ParleyError {
  constructor(at: StepRef) {
    super('FLOW_LOOP', `Flow "${at.flow}" ran more than ${MAX_STEPS_PER_TURN} steps in one turn at step "${at.step}"; add a step that waits or ends.`);
  }
}

/** What the actions need from outside the machine. */
export interface MachineActionEnv {
  addresses: StepAddresses;
  triggers: TriggerIndex;
  logger: Logger;
  now(): number;
  defaultLocale: string;
  /** The bot's time zone (`bot.timezone`); default UTC. */
  defaultTimezone?: string;
  commandPrefix: string;
  /** Events the machine knows, so a stale frame can never raise an unhandled one. */
  knownEvents: Set<string>;
}

type Ev = BotEvent;
const same = (a: StepRef, b: StepRef) => a.flow === b.flow && a.step === b.step;

/** Action implementations bound to an environment. */
export function createMachineActions(env: MachineActionEnv) {
  const defaults = { locale: env.defaultLocale, timezone: env.defaultTimezone ?? 'UTC' };
  const text = (ctx: BotContext, t: LocalizedText) => renderText(t, ctx, env.now(), defaults.locale, defaults.timezone);
  return {
    beginTurn(ctx: BotContext, event: Ev): Partial<BotContext> {
      if (event.type !== 'turn') return {};
      const base: Partial<BotContext> = { out: [], logs: [], steps: 0, error: null };
      const input = event.input;
      if (input.kind === 'timer') return base;
      const { view } = viewInput(input, env.commandPrefix);
      // The send API's `vars` are the started flow's variables (plain JSON, copied).
      if (input.kind === 'start' && input.vars) base.vars = { ...ctx.vars, ...(JSON.parse(JSON.stringify(input.vars)) as Record<string, unknown>) };
      // What a flow set (user.locale…) wins over what the platform says on every message.
      return { ...base, input: compactView(view), platform: input.platform, user: { ...(ctx.user ?? {}), ...input.user, ...ctx.userSet } };
    },

    route(ctx: BotContext, event: Ev): Effect {
      if (event.type !== 'turn') return { assign: {} };
      const { view, command } = viewInput(event.input, env.commandPrefix);
      const route = routeInput(env.triggers, env.addresses, event.input, view, command, ctx.waiting, ctx.timers);
      switch (route.kind) {
        case 'ignore':
          return { assign: {} };
        case 'drop-timer':
          return { assign: { timers: ctx.timers.filter((t) => t.timerId !== route.timerId) } };
        case 'fire':
          return { assign: { timers: ctx.timers.filter((t) => t.timerId !== route.timer.timerId) }, raise: { type: 'fire', kind: route.timer.kind } };
        case 'answer':
          return { assign: {}, raise: { type: 'answer' } };
        case 'start': {
          let interrupts = ctx.interrupts;
          // Restarting the flow that waits replaces it instead of stacking it under itself.
          if (ctx.waiting && ctx.waiting.flow !== route.start.flow) {
            interrupts = [...interrupts, { flow: ctx.waiting.flow, step: ctx.waiting.step, calls: ctx.calls }].slice(-MAX_INTERRUPTS);
          }
          return {
            assign: { interrupts, calls: [], match: route.match ?? {}, command: route.command ?? null },
            raise: { type: env.addresses.jumpEvent(route.start.flow, route.start.step) },
          };
        }
      }
    },

    returnFromFlow(ctx: BotContext): Effect {
      const call = ctx.calls.at(-1);
      if (call) {
        const ev = `back.${call.flow}.${call.step}`;
        return { assign: { calls: ctx.calls.slice(0, -1) }, raise: { type: env.knownEvents.has(ev) ? ev : 'idle' } };
      }
      const frame = ctx.interrupts.at(-1);
      if (frame) {
        const ev = `resume.${frame.flow}.${frame.step}`;
        return { assign: { interrupts: ctx.interrupts.slice(0, -1), calls: frame.calls }, raise: { type: env.knownEvents.has(ev) ? ev : 'idle' } };
      }
      return { assign: {}, raise: { type: 'idle' } };
    },

    enterIdle(): Partial<BotContext> {
      return { calls: [], interrupts: [], waiting: null, at: null };
    },

    enterStep(ctx: BotContext, _e: Ev, p: StepRef): Partial<BotContext> {
      if (ctx.steps >= MAX_STEPS_PER_TURN) throw new FlowLoopError(p);
      return { at: { flow: p.flow, step: p.step }, steps: ctx.steps + 1 };
    },

    say(ctx: BotContext, _e: Ev, p: { text: LocalizedText }): Partial<BotContext> {
      return { out: [...ctx.out, { kind: 'text', text: text(ctx, p.text) }] };
    },

    sendMedia(ctx: BotContext, _e: Ev, p: { send: SendStep['send'] }): Partial<BotContext> {
      const { location, caption, ...media } = p.send;
      if (location) return { out: [...ctx.out, { kind: 'location', ...location }] };
      const [mediaType, url] = Object.entries(media)[0] as [MediaType, string];
      const message: OutboundMessage = { kind: 'media', mediaType, url: text(ctx, url) };
      if (caption !== undefined) message.caption = text(ctx, caption);
      return { out: [...ctx.out, message] };
    },

    askSave(ctx: BotContext, _e: Ev, p: { type: AskType; pattern?: string; flags?: string; save: string }): Partial<BotContext> {
      const answer = ctx.input ? readAnswer(p.type, p.pattern, ctx.input, answerOptions(ctx, p.flags, defaults, env.now())) : ({ ok: false } as AnswerResult);
      if (!answer.ok) return {};
      const match = p.pattern ? answer.match : ctx.match;
      return { vars: { ...ctx.vars, [p.save]: answer.value }, match, retries: 0 };
    },

    reprompt(ctx: BotContext, _e: Ev, p: { reprompt?: LocalizedText; text: LocalizedText }): Partial<BotContext> {
      const said = p.reprompt === undefined
        ? [{ kind: 'text' as const, text: "Sorry, I didn't get that." }, { kind: 'text' as const, text: text(ctx, p.text) }]
        : [{ kind: 'text' as const, text: text(ctx, p.reprompt) }];
      return { out: [...ctx.out, ...said], retries: ctx.retries + 1 };
    },

    resetRetries(): Partial<BotContext> {
      return { retries: 0 };
    },

    setWaiting(_c: BotContext, _e: Ev, p: StepRef & { kind: 'menu' | 'ask' | 'wait' }): Partial<BotContext> {
      return { waiting: { flow: p.flow, step: p.step, kind: p.kind } };
    },

    clearWaiting(): Partial<BotContext> {
      return { waiting: null };
    },

    armTimer(ctx: BotContext, _e: Ev, p: StepRef & { kind: 'wait' | 'remind'; ms: number }): Partial<BotContext> {
      // A silent resume re-enters the wait state: keep the timer already running.
      if (ctx.timers.some((t) => same(t, p) && t.kind === p.kind)) return {};
      const seq = ctx.timerSeq + 1;
      const timer: TimerData = { flow: p.flow, step: p.step, kind: p.kind, timerId: `${p.flow}.${p.step}.${seq}`, dueAt: env.now() + p.ms };
      return { timers: [...ctx.timers, timer], timerSeq: seq };
    },

    clearStepTimers(ctx: BotContext, _e: Ev, p: StepRef): Partial<BotContext> {
      // An interrupted step keeps its timers: it is resumed when the interruption ends.
      if (ctx.interrupts.some((f) => same(f, p))) return {};
      const timers = ctx.timers.filter((t) => !same(t, p));
      return timers.length === ctx.timers.length ? {} : { timers };
    },

    setVars(ctx: BotContext, _e: Ev, p: { values: Record<string, unknown> }): Partial<BotContext> {
      const vars = { ...ctx.vars };
      let { user, userSet } = ctx;
      for (const [k, v] of Object.entries(p.values)) {
        // Each value sees the ones set before it in the same step.
        const value = renderValue(v, scopeOf({ ...ctx, vars, user }, env.now(), defaults));
        const field = userField(k);
        if (field) ({ user, userSet } = setUserField(user, userSet, field, value));
        else vars[k] = value;
      }
      return { vars, user, userSet };
    },

    logStep(ctx: BotContext, _e: Ev, p: StepRef & { log: string | Record<string, unknown> }): Partial<BotContext> {
      const scope = scopeOf(ctx, env.now(), defaults);
      const fields = typeof p.log === 'string' ? { message: renderValue(p.log, scope) } : (renderValue(p.log, scope) as Record<string, unknown>);
      env.logger.info({ flow: p.flow, step: p.step, ...fields }, 'flow log');
      return { logs: [...ctx.logs, { flow: p.flow, step: p.step, fields }] };
    },

    callFlow(ctx: BotContext, _e: Ev, p: StepRef & { event: string }): Effect {
      return { assign: { calls: [...ctx.calls, { flow: p.flow, step: p.step }] }, raise: { type: p.event } };
    },

    saveResult(ctx: BotContext, event: Ev, p: { save?: string }): Partial<BotContext> {
      if (!p.save) return {};
      const output = (event as { output?: unknown }).output;
      return { vars: { ...ctx.vars, [p.save]: JSON.parse(JSON.stringify(output ?? null)) } };
    },

    setError(_c: BotContext, event: Ev): Partial<BotContext> {
      const err = (event as { error?: unknown }).error as { message?: unknown; code?: unknown; status?: unknown } | undefined;
      const error: BotContext['error'] = { message: String(err?.message ?? err ?? 'Unknown error'), code: typeof err?.code === 'string' ? err.code : 'ACTION_FAILED' };
      if (typeof err?.status === 'number') error.status = err.status;
      return { error };
    },

    logActionError(ctx: BotContext, _e: Ev, p: { action: string }): Partial<BotContext> {
      env.logger.error({ action: p.action, at: ctx.at, error: ctx.error }, 'action failed and the step has no on_error; the flow ends');
      return {};
    },
  };
}
