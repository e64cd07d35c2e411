/**
 * The named guards of the bot machine. Pure reads of context and event.
 */
import type { AskType } from '../flow/flow-types.js';
import { evaluateExpression } from '../template/expression.js';
import type { BotContext, BotEvent } from './bot-context.js';
import { readAnswer } from './match-answer.js';
import { scopeOf } from './turn-scope.js';
import { answerOptions } from './answer-options.js';
import { createMenuGuards } from './menu-actions.js';

type Args = { context: BotContext; event: BotEvent };

/** Guard implementations, given the clock and the bot's default locale. */
export function createMachineGuards(env: { now(): number; defaultLocale: string; defaultTimezone?: string }) {
  const defaults = { locale: env.defaultLocale, timezone: env.defaultTimezone ?? 'UTC' };
  return {
    ...createMenuGuards({ now: env.now, defaults }),
    /** A jexl expression is truthy; a broken expression counts as false. */
    expr: ({ context }: Args, params: { expr: string }) => {
      try {
        return Boolean(evaluateExpression(params.expr, scopeOf(context, env.now(), defaults)));
      } catch {
        return false;
      }
    },
    /** The last input is a valid answer to an ask. */
    askValid: ({ context }: Args, params: { type: AskType; pattern?: string; flags?: string }) =>
      context.input !== null && readAnswer(params.type, params.pattern, context.input, answerOptions(context, params.flags, defaults, env.now())).ok,
    /** Another invalid answer still gets a reprompt. */
    retriesLeft: ({ context }: Args, params: { retries: number }) => context.retries < params.retries,
    /** The timer that fired is of this kind. */
    timerKind: ({ event }: Args, params: { kind: 'wait' | 'remind' }) => event.type === 'fire' && event.kind === params.kind,
  };
}
