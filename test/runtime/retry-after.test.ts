import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../engine/runtime/http-client.js';

describe('retryAfterMs (the Retry-After header every adapter reads)', () => {
  const now = () => Date.parse('2026-11-23T12:00:00Z');
  it('reads delay seconds, whole or fractional', () => {
    expect(retryAfterMs({ 'retry-after': '3' }, now)).toBe(3000);
    expect(retryAfterMs({ 'retry-after': ['1.5'] }, now)).toBe(1500);
  });
  it('reads an HTTP date as the time left, never negative', () => {
    expect(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 12:00:07 GMT' }, now)).toBe(7000);
    expect(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
  });
  it('gives undefined when absent, empty or unreadable', () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': ' ' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });
});
