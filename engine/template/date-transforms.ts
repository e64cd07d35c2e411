/**
 * Date, time and number transforms, in the render locale and time zone (render-locale.ts),
 * with luxon (Intl underneath) for formats, zones and calendar arithmetic. Values are the
 * ISO texts asks save: `2026-03-15` (date), `17:00` (time), `2026-03-15T17:00:00.000+01:00`
 * (datetime); `now` is the injected clock's ISO instant.
 */
import { DateTime, type DurationLikeObject } from 'luxon';
import { renderLocale } from './render-locale.js';
import { recognizeNumber } from './recognize-number.js';
import type { TransformSpec } from './transform-spec.js';

type Kind = 'date' | 'time' | 'datetime';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Reads a value as a moment in the render zone, remembering which shape it had. */
export function readMoment(v: unknown): { at: DateTime; kind: Kind } | undefined {
  const { timezone, locale, now } = renderLocale();
  const opts = { zone: timezone, locale };
  if (typeof v === 'number') return valid(DateTime.fromMillis(v, opts), 'datetime');
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const s = v.trim();
  if (DATE.test(s)) return valid(DateTime.fromISO(s, opts), 'date');
  const t = TIME.exec(s);
  // A bare time is taken on the injected clock's day, never the machine's.
  if (t) return valid(DateTime.fromMillis(now, opts).set({ hour: Number(t[1]), minute: Number(t[2]), second: Number(t[3] ?? 0), millisecond: 0 }), 'time');
  return valid(DateTime.fromISO(s, opts), 'datetime');
}

function valid(at: DateTime, kind: Kind) {
  return at.isValid ? { at, kind } : undefined;
}

/** Writes a moment back in the shape it was read in. */
function writeMoment(at: DateTime, kind: Kind): string | undefined {
  if (kind === 'date') return at.toISODate() ?? undefined;
  if (kind === 'time') return at.toFormat('HH:mm');
  return at.toISO() ?? undefined;
}

const UNITS: Record<string, keyof DurationLikeObject> = {
  year: 'years', month: 'months', week: 'weeks', day: 'days', hour: 'hours', minute: 'minutes', second: 'seconds',
};

/** "days", "day" or "d"-style names to luxon's; undefined for anything else. */
function unitOf(u: unknown): keyof DurationLikeObject | undefined {
  const s = String(u ?? 'days').toLowerCase().replace(/s$/, '');
  return UNITS[s];
}

function shift(v: unknown, amount: unknown, unit: unknown, sign: 1 | -1): string | undefined {
  const m = readMoment(v);
  const u = unitOf(unit);
  const n = Number(amount);
  if (!m || !u || !Number.isFinite(n)) return undefined;
  return writeMoment(m.at.plus({ [u]: sign * n }), m.kind);
}

const DEFAULT_FORMATS = { date: DateTime.DATE_FULL, time: DateTime.TIME_SIMPLE, datetime: DateTime.DATETIME_MED } as const;

/** The date and number transforms, by name. */
export const DATE_TRANSFORMS: Record<string, TransformSpec> = {
  date: {
    usage: "value|date('d MMMM yyyy')",
    does: 'A date, time or datetime written in the user\'s language and time zone, with a luxon format (default: the locale\'s long date, short time, or both).',
    fn: (v, format) => {
      const m = readMoment(v);
      if (!m) return undefined;
      return typeof format === 'string' && format ? m.at.toFormat(format) : m.at.toLocaleString(DEFAULT_FORMATS[m.kind]);
    },
  },
  plus: {
    usage: "value|plus(3, 'days')",
    does: 'The date, time or datetime moved forward by an amount of years, months, weeks, days, hours, minutes or seconds (same shape back).',
    fn: (v, amount, unit) => shift(v, amount, unit, 1),
  },
  minus: {
    usage: "value|minus(1, 'hours')",
    does: 'The date, time or datetime moved back, like `plus`.',
    fn: (v, amount, unit) => shift(v, amount, unit, -1),
  },
  days_until: {
    usage: 'checkin|days_until(checkout)',
    does: 'Whole calendar days from this date to another (negative when the other is earlier).',
    fn: (v, other) => {
      const a = readMoment(v);
      const b = readMoment(other);
      if (!a || !b) return undefined;
      return Math.round(b.at.startOf('day').diff(a.at.startOf('day'), 'days').days);
    },
  },
  to_number: {
    usage: 'text|to_number',
    does: 'The one number in a text, read the user\'s way ("1,000", "2.500,75", "thirty"), or nothing when there is none or several.',
    fn: (v) => (typeof v === 'number' ? v : typeof v === 'string' ? recognizeNumber(v, renderLocale().locale) : undefined),
  },
  number: {
    usage: 'amount|number(2)',
    does: 'A number written the user\'s way (2,500.75 in English, 2.500,75 in Spanish), with the given decimals (default: as needed, up to 3).',
    fn: (v, decimals) => {
      const n = typeof v === 'number' ? v : Number(v);
      if (v === undefined || v === null || v === '' || !Number.isFinite(n)) return undefined;
      const d = decimals === undefined ? undefined : Math.max(0, Math.min(10, Number(decimals)));
      return new Intl.NumberFormat(renderLocale().locale, d === undefined ? {} : { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
    },
  },
};
