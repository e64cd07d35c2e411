/**
 * Reads a date, a time or both from what a user typed, with chrono-node in the user's
 * language ("tomorrow", "next friday at 5pm", "15/03", "mañana", "el viernes que viene a las
 * 5pm"), relative to the injected clock in the user's time zone. luxon builds the result in
 * that zone, so "5pm" is five in the afternoon where the user is, not on the server.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** What an ask of type date, time or datetime saves. */
export type DateKind = 'date' | 'time' | 'datetime';

type Parser = { parse: typeof chrono.parse };

/** chrono's parser for a locale: its language, British/day-first English for en-GB and friends. */
function parserFor(locale: string): Parser {
  const [language, region] = locale.toLowerCase().split(/[-_]/);
  if (language === 'en') return region && region !== 'us' ? chrono.en.GB : chrono.en;
  const byLanguage = (chrono as unknown as Record<string, Parser | undefined>)[language];
  return byLanguage && typeof byLanguage.parse === 'function' ? byLanguage : chrono.en;
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
