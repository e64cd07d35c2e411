/**
 * The regex operations templates use (`text matches "^\\d+$"`), on the one linear-time
 * matcher of the bot (safe-regex.ts, RE2), so no condition can stall the server either.
 */
import { compileSafePattern } from './safe-regex.js';

/** True when `text` matches; an invalid or refused regex, or a non-text value, never matches. */
export function testAuthorRegex(text: unknown, source: unknown, flags = 'u'): boolean {
  if (typeof source !== 'string' || (typeof text !== 'string' && typeof text !== 'number')) return false;
  try {
    return compileSafePattern(source, flags).test(String(text));
  } catch {
    return false;
  }
}
