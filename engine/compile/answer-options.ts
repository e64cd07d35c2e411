/** What reading an ask's answer needs besides the input: pattern flags, locale, zone, clock. */
import type { BotContext } from './bot-context.js';
import type { ScopeDefaults } from './turn-scope.js';

/** Options of readAnswer. */
export interface AnswerOptions {
  flags?: string;
  /** The user's locale (or the bot's), for numbers and dates. */
  locale: string;
  /** The user's time zone (or the bot's), for dates and times. */
  timezone: string;
  /** The injected clock, for "tomorrow". */
  now: number;
}

/** Builds the answer options for the context's user. */
export function answerOptions(ctx: BotContext, flags: string | undefined, defaults: ScopeDefaults, now: number): AnswerOptions {
  return { flags, locale: ctx.user?.locale || defaults.locale, timezone: ctx.user?.timezone || defaults.timezone, now };
}
