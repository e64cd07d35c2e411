/**
 * The template scope of a conversation: every variable at top level, then the built-ins
 * (`user`, `input`, `match`, `command`, `platform`, `now`, `error`, `bot`, `interrupted`),
 * which win on a clash. `bot.locale`/`bot.timezone` are the bot's defaults, which dates and
 * numbers use when the user has none; `interrupted` is the flow and step the running flow
 * interrupted, if it did.
 */
import type { LocalizedText } from '../flow/flow-types.js';
import { buildScope } from '../template/safe-data.js';
import { pickLocalized } from '../template/localized-text.js';
import { renderTemplate } from '../template/render-template.js';
import type { BotContext } from './bot-context.js';
import { interruptedBy } from './conversation-stack.js';

/** The bot's locale and time zone, for users who have none. */
export interface ScopeDefaults {
  locale: string;
  timezone: string;
}

/** Builds the null-prototype scope of a context at time `now`. */
export function scopeOf(context: BotContext, now: number, defaults?: ScopeDefaults): Record<string, unknown> {
  return buildScope(context.vars, {
    user: context.user ?? {},
    input: context.input ?? {},
    match: context.match,
    command: context.command ?? {},
    platform: context.platform,
    now: new Date(now).toISOString(),
    error: context.error ?? {},
    bot: defaults ?? {},
    interrupted: interruptedBy(context.stack) ?? {},
  });
}

/** Picks the user's variant of a text and renders its templates. */
export function renderText(text: LocalizedText, context: BotContext, now: number, defaultLocale: string, timezone = 'UTC'): string {
  const picked = pickLocalized(text, context.user?.locale, defaultLocale);
  // Most texts are plain; building the scope costs more than the rest of the step.
  return picked.includes('{{') ? renderTemplate(picked, scopeOf(context, now, { locale: defaultLocale, timezone })) : picked;
}
