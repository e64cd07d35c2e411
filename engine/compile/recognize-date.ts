/**
 * Reads a date, a time or both from what a user typed, with chrono-node in the user's
 * language ("tomorrow", "next friday at 5pm", "15/03", "mañana", "el viernes que viene a las
 * 5pm"), relative to the injected clock in the user's time zone. luxon builds the result in
 * that zone, so "5pm" is five in the afternoon where the user is, not on the server.
 */
import { createRequire } from 'node:module';
import type * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

// chrono-node's index loads all of its sixteen languages (~270 modules, ~150-190 ms), which
// sat in every cold start; each language is its own entry point, so one is required (chrono
// ships CommonJS too) the first time an answer in it is read.
const require = createRequire(import.meta.url);

/** What an ask of type date, time or datetime saves. */
export type DateKind = 'date' | 'time' | 'datetime';

type Parser = { parse: typeof chrono.parse };

/** The languages chrono-node has, each an entry point `chrono-node/<language>`. */
const LANGUAGES = new Set(['ar', 'de', 'en', 'es', 'fi', 'fr', 'id', 'it', 'ja', 'nl', 'pt', 'ru', 'sv', 'uk', 'vi', 'zh']);
// chrono's index also exports English's strict and casual parsers under those names, which
// the lookup by language used to find; kept so such a locale reads as it did.
const ENGLISH_ALIASES = new Set(['strict', 'casual']);

/** One language's module, loaded once; the set check keeps user-given locales out of the path. */
function language(name: string): Parser & Record<string, Parser> {
  return require(`chrono-node/${name}`) as Parser & Record<string, Parser>;
}

/** chrono's parser for a locale: its language, British/day-first English for en-GB and friends. */
function parserFor(locale: string): Parser {
  const [lang, region] = locale.toLowerCase().split(/[-_]/);
  if (lang === 'en') return region && region !== 'us' ? language('en').GB : language('en');
  if (ENGLISH_ALIASES.has(lang)) return language('en')[lang];
  return LANGUAGES.has(lang) ? language(lang) : language('en');
}

type Components = chrono.ParsedResult['start'];

const hasDay = (c: Components) => c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month');

/**
 * The moment in `text`, as the saved text of `kind` (`2027-03-15`, `17:00`, or an ISO
 * datetime with the zone's offset), or undefined when the text has none of that kind.
 */
export function recognizeDate(text: string, kind: DateKind, opts: { locale: string; timezone: string; now: number }): string | undefined {
  const t = text.trim();
  if (!t || t.length > 200) return undefined;
  const ref = DateTime.fromMillis(opts.now, { zone: opts.timezone });
  if (!ref.isValid) return undefined;
  const results = parserFor(opts.locale).parse(t, { instant: new Date(opts.now), timezone: ref.offset }, { forwardDate: true });
  if (results.length === 0) return undefined;
  const day = results.find((r) => hasDay(r.start));
  const time = results.find((r) => r.start.isCertain('hour'));
  // Some languages read "el viernes … a las 5pm" as two results: the day and the time.
  const timeFrom = time?.start;
  // A time alone ("at 5pm") is on the day chrono implies: today, or tomorrow once it passed.
  const dateFrom = day?.start ?? timeFrom ?? results[0].start;
  if (kind === 'date' && !day) return undefined;
  if (kind !== 'date' && !timeFrom) return undefined;
  const at = DateTime.fromObject(
    {
      year: dateFrom.get('year') ?? ref.year,
      month: dateFrom.get('month') ?? ref.month,
      day: dateFrom.get('day') ?? ref.day,
      hour: timeFrom?.get('hour') ?? 0,
      minute: timeFrom?.get('minute') ?? 0,
    },
    { zone: opts.timezone },
  );
  if (!at.isValid) return undefined;
  if (kind === 'date') return at.toISODate() ?? undefined;
  if (kind === 'time') return at.toFormat('HH:mm');
  return at.toISO({ suppressMilliseconds: true }) ?? undefined;
}
