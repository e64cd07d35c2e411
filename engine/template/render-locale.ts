/**
 * The locale, time zone and clock a template is rendered for. jexl transforms receive only
 * their value and arguments, so date and number transforms read these from here; they are
 * set for the duration of one synchronous evaluation (see evaluateExpression), which is why
 * a plain module variable is safe: nothing else runs until it is restored.
 */

/** Where and when a template is rendered. */
export interface RenderLocale {
  /** BCP-47 tag, e.g. "es" or "en-GB". */
  locale: string;
  /** IANA zone, e.g. "Europe/Madrid". */
  timezone: string;
  /** The injected clock's time, in ms (never Date.now()). */
  now: number;
}

const FALLBACK: RenderLocale = { locale: 'en', timezone: 'UTC', now: 0 };
let current: RenderLocale = FALLBACK;

/** The locale of the evaluation that is running. */
export function renderLocale(): RenderLocale {
  return current;
}

/** Runs `fn` with `locale` as the render locale, restoring the previous one after. */
export function withRenderLocale<T>(locale: RenderLocale, fn: () => T): T {
  const previous = current;
  current = locale;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/**
 * Reads the render locale from a template scope: `user.locale`/`user.timezone` first, then
 * the bot's (`bot.locale`/`bot.timezone`), and `now` (an ISO string of the injected clock).
 */
export function localeOfScope(scope: Record<string, unknown>): RenderLocale {
  const user = (scope.user ?? {}) as Record<string, unknown>;
  const bot = (scope.bot ?? {}) as Record<string, unknown>;
  const pick = (a: unknown, b: unknown, fallback: string) => (typeof a === 'string' && a ? a : typeof b === 'string' && b ? b : fallback);
  const now = typeof scope.now === 'string' ? Date.parse(scope.now) : NaN;
  return {
    locale: pick(user.locale, bot.locale, FALLBACK.locale),
    timezone: pick(user.timezone, bot.timezone, FALLBACK.timezone),
    now: Number.isFinite(now) ? now : FALLBACK.now,
  };
}
