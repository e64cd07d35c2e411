/**
 * The named guards of the bot machine. Pure reads of context and event.
 */
import type { AskType, LocalizedText } from '../flow/flow-types.js';
import { pickLocalized } from '../template/localized-text.js';
import { renderTemplate } from '../template/render-template.js';
import { evaluateExpression } from '../template/expression.js';
import type { BotContext, BotEvent } from './bot-context.js';
import { matchMenuOption, readAnswer } from './match-answer.js';
import { scopeOf } from './turn-scope.js';

type Args = { context: BotContext; event: BotEvent };

/** Guard implementations, given the clock and the bot's default locale. */
export function createMachineGuards(env: { now(): number; defaultLocale: string }) {
  const titles = (ctx: BotContext, options: { id: string; title: LocalizedText }[]) => {
    const scope = scopeOf(ctx, env.now());
    return options.map((o) => ({ id: o.id, title: renderTemplate(pickLocalized(o.title, ctx.user?.locale, env.defaultLocale), scope) }));
  };
  return {
    /** A jexl expression is truthy; a broken expression counts as false. */
    expr: ({ context }: Args, params: { expr: string }) => {
      try {
        return Boolean(evaluateExpression(params.expr, scopeOf(context, env.now())));
      } catch {
        return false;
      }
    },
    /** The last input chooses option `index` of the menu. */
    menuOption: ({ context }: Args, params: { options: { id: string; title: LocalizedText }[]; index: number }) =>
      context.input !== null && matchMenuOption(titles(context, params.options), context.input) === params.index,
    /** The last input is a valid answer to an ask. */
    askValid: ({ context }: Args, params: { type: AskType; pattern?: string }) =>
      context.input !== null && readAnswer(params.type, params.pattern, context.input).ok,
    /** Another invalid answer still gets a reprompt. */
    retriesLeft: ({ context }: Args, params: { retries: number }) => context.retries < params.retries,
    /** The timer that fired is of this kind. */
    timerKind: ({ event }: Args, params: { kind: 'wait' | 'remind' }) => event.type === 'fire' && event.kind === params.kind,
  };
}
