/**
 * Fake timers for every test of the enclosing describe, from a fixed start: the sender tests
 * advance them instead of waiting. setImmediate stays real, so group commits and the
 * sender's per-turn wakes still run between the advanced steps.
 */
import { afterEach, beforeEach, vi } from 'vitest';

type Faked = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date';

/** Installs the fake clock at `now` before each test and the real one after it. */
export function useFakeClock(now: number, toFake: Faked[] = ['setTimeout', 'clearTimeout', 'Date']): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake, now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
