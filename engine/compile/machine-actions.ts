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
import { MAX_STEPS_PER_TURN, type BotContext, type BotEvent, type StepRef } from './bot-context.js';
import { compactView, viewInput } from './input-view.js';
import { readAnswer, type AnswerResult } from './match-answer.js';
import type { AskType } from '../flow/flow-types.js';
import { renderText, scopeOf } from './turn-scope.js';
import { answerOptions } from './answer-options.js';
import { setUserField, userField } from './user-fields.js';
import type { TriggerIndex } from './trigger-index.js';
import type { StepAddresses } from './step-address.js';
import { redactLeaves, sensitiveLeaves, type SensitiveField, type SensitiveMarks } from './sensitive-values.js';

/** A context update plus, optionally, an event to raise. */
export interface Effect {
  assign: Partial<BotContext>;
  /** Event to raise after the update (jump/resume/back/answer/fire/idle). */
  raise?: { type: string; kind?: 'wait' | 'remind' };
}

/** A flow that ran too many steps in one turn (a `goto` loop that never waits). */
export class FlowLoopError extends ParleyError<'FLOW_LOOP'> {
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
  /** What the flows marked sensitive. */
  sensitive: SensitiveMarks;
  /** Said when a `call:` without `on_error` fails (bot.yaml `error_reply`). */
  errorReply: LocalizedText;
}

type Ev = BotEvent;

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
      // The new input replaces the old one; an answer to a sensitive ask is sensitive (also
      // when it happens to fire a trigger: the user typed it as the answer).
      const waiting = ctx.waiting;
      const secretAnswer = waiting?.kind === 'ask' && env.sensitive.asks.has(`${waiting.flow}\u0000${waiting.step}`);
      const sensitive: SensitiveField[] = [...ctx.sensitive.filter((f) => f !== 'input'), ...(secretAnswer ? ['input' as const] : [])];
      // The send API's `vars` are the started flow's variables (plain JSON, copied).
      if (input.kind === 'start' && input.vars) base.vars = { ...ctx.vars, ...(JSON.parse(JSON.stringify(input.vars)) as Record<string, unknown>) };
      // What a flow set (user.locale…) wins over what the platform says on every message.
      return { ...base, input: compactView(view), sensitive, platform: input.platform, user: { ...(ctx.user ?? {}), ...input.user, ...ctx.userSet } };
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

    askSave(ctx: BotContext, _e: Ev, p: { type: AskType; pattern?: string; flags?: string; save: string; sensitive?: boolean }): Partial<BotContext> {
      const answer = ctx.input ? readAnswer(p.type, p.pattern, ctx.input, answerOptions(ctx, p.flags, defaults, env.now())) : ({ ok: false } as AnswerResult);
      if (!answer.ok) return {};
      if (!p.pattern) return { vars: { ...ctx.vars, [p.save]: answer.value }, retries: 0 };
      // The pattern's captures replace `match`, which is then as sensitive as this ask.
      const sensitive: SensitiveField[] = ctx.sensitive.filter((f) => f !== 'match');
      if (p.sensitive) sensitive.push('match');
      return { vars: { ...ctx.vars, [p.save]: answer.value }, match: answer.match, sensitive, retries: 0 };
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
      const rendered = typeof p.log === 'string' ? { message: renderValue(p.log, scope) } : (renderValue(p.log, scope) as Record<string, unknown>);
      // Logs are plain text at rest: a sensitive value never reaches them.
      const fields = redactLeaves(rendered, sensitiveLeaves(ctx, env.sensitive.vars));
      env.logger.info({ flow: p.flow, step: p.step, ...fields }, 'flow log');
      return { logs: [...ctx.logs, { flow: p.flow, step: p.step, fields }] };
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

    /** A `call:` failed and has no `on_error`: log it, tell the user, and show it with the turn's logs. */
    logActionError(ctx: BotContext, _e: Ev, p: { action: string }): Partial<BotContext> {
      const error = redactLeaves(ctx.error, sensitiveLeaves(ctx, env.sensitive.vars));
      env.logger.error({ action: p.action, at: ctx.at, error }, 'action failed and the step has no on_error; the flow ends');
      const at = ctx.at ?? { flow: '', step: '' };
      const entry = { ...at, level: 'error' as const, fields: { message: 'action failed; the step has no on_error, so the flow ends', action: p.action, ...error } };
      return { out: [...ctx.out, { kind: 'text', text: text(ctx, env.errorReply) }], logs: [...ctx.logs, entry] };
    },
  };
}
