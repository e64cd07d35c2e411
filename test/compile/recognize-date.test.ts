import { describe, expect, it } from 'vitest';
import { recognizeDate } from '../../engine/compile/recognize-date.js';

// 2027-03-10 12:00 UTC, a Wednesday.
const now = Date.UTC(2027, 2, 10, 12, 0);
const read = (text: string, locale: string, kind: 'date' | 'time' | 'datetime' = 'date') => recognizeDate(text, kind, { locale, timezone: 'UTC', now });

describe('recognizeDate picks chrono\'s parser by the locale', () => {
  it('reads slashes month-first in US English and day-first in other English', () => {
    expect(read('4/5/2027', 'en-US')).toBe('2027-04-05');
    expect(read('4/5/2027', 'en')).toBe('2027-04-05');
    expect(read('4/5/2027', 'en-GB')).toBe('2027-05-04');
    expect(read('4/5/2027', 'en_AU')).toBe('2027-05-04');
  });
  it('reads each language chrono has in that language', () => {
    expect(read('mañana', 'es-AR')).toBe('2027-03-11');
    expect(read('morgen', 'de')).toBe('2027-03-11');
    expect(read('demain', 'FR-ca')).toBe('2027-03-11');
    expect(read('завтра', 'ru')).toBe('2027-03-11');
  });
  it('reads English for a language chrono lacks, and for locales that are no language', () => {
    expect(read('tomorrow', 'xx')).toBe('2027-03-11');
    expect(read('tomorrow', '../../x')).toBe('2027-03-11');
    expect(read('mañana', 'xx')).toBeUndefined();
    expect(read('tomorrow', 'casual')).toBe('2027-03-11');
  });
  it('reads English strictly for the strict alias, as chrono names it', () => {
    expect(read('tomorrow', 'strict')).toBeUndefined();
    expect(read('2027-03-15', 'strict')).toBe('2027-03-15');
  });
});
