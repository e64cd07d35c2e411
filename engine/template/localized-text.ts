/**
 * Picks the variant of a LocalizedText for a user: exact tag, then its language part, then
 * `default`, then the bot's default locale, then the first variant.
 */
import type { LocalizedText } from '../flow/flow-types.js';

/** Returns the text to show to a user with `locale` (may be undefined). */
export function pickLocalized(text: LocalizedText, locale: string | undefined, defaultLocale = 'en'): string {
  if (typeof text === 'string') return text;
  const variants = new Map(Object.entries(text).map(([k, v]) => [k.toLowerCase(), v]));
  const wanted = locale?.trim().toLowerCase().replace(/_/g, '-');
  if (wanted) {
    const exact = variants.get(wanted);
    if (exact !== undefined) return exact;
    const language = variants.get(wanted.split('-')[0]);
    if (language !== undefined) return language;
  }
  const fallback = variants.get('default') ?? variants.get(defaultLocale.toLowerCase());
  if (fallback !== undefined) return fallback;
  return Object.values(text)[0] ?? '';
}
