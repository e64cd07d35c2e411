/**
 * Builds the number recognizer's models at start-up for a bot that asks for numbers: the
 * first Spanish model takes over a second to build (bench/recognizers.ts), which would
 * otherwise stall every conversation behind the first Spanish user's answer.
 */
import type { Bot } from '../flow/flow-types.js';
import { warmNumberCultures } from '../template/recognize-number.js';

/** The languages a bot speaks: its default locale and every key of its localized texts. */
function botLocales(bot: Bot): Set<string> {
  const locales = new Set([bot.config.default_locale ?? 'en']);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, inner] of Object.entries(v)) {
      if (typeof inner === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k) && k !== 'id') locales.add(k);
      else walk(inner);
    }
  };
  bot.flows.forEach((f) => walk(f.steps));
  return locales;
}

/** True when some step asks for a number or an integer. */
function asksForNumbers(bot: Bot): boolean {
  return bot.flows.some((f) => f.steps.some((s) => 'ask' in s && (s.ask.type === 'number' || s.ask.type === 'integer')));
}

/** Warms the recognizers the bot needs; does nothing for a bot without number asks. */
export function warmRecognizers(bot: Bot): void {
  if (asksForNumbers(bot)) warmNumberCultures(botLocales(bot));
}
