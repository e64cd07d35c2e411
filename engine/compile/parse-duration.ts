/**
 * Durations in flows: a whole number and a unit, `500ms`, `30s`, `10m`, `2h`, `1d`.
 */
import { ParleyError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration that does not parse. */
export class DurationError extends ParleyError<'DURATION_INVALID'> {
  constructor(text: string) {
    super('DURATION_INVALID', `"${text}" is not a duration; write a number and a unit, e.g. "30s", "10m", "2h" or "1d".`);
  }
}

/** Milliseconds of a duration string; throws DurationError when it does not parse. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!m) throw new DurationError(text);
  return Math.round(Number(m[1]) * UNITS[m[2]]);
}
