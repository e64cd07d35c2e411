import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { LoopSlicer } from '../../engine/runtime/loop-slicer.js';

/** Busy-waits `ms` milliseconds (a turn's synchronous work). */
function work(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

async function twentyTurns(slicer: LoopSlicer | undefined) {
  const order: string[] = [];
  let timerAt = -1;
  const start = performance.now();
  setTimeout(() => {
    timerAt = performance.now() - start;
    order.push('timer');
  }, 1);
  // Twenty 2 ms turns that all start together, as the turns a group commit wakes.
  await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      await slicer?.pass();
      await null;
      work(2);
      order.push(`turn${i}`);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { timerIndex: order.indexOf('timer'), timerAt, turns: order.filter((o) => o.startsWith('turn')) };
}

describe('LoopSlicer', () => {
  it('lets a timer run between slices of back-to-back work, not after all of it', async () => {
    const sliced = await twentyTurns(new LoopSlicer(5));
    expect(sliced.timerIndex).toBeGreaterThanOrEqual(0);
    expect(sliced.timerIndex).toBeLessThan(10);
    expect(sliced.turns).toEqual(Array.from({ length: 20 }, (_, i) => `turn${i}`));
    // Without it the same work holds the timer back until every turn ran.
    const unsliced = await twentyTurns(undefined);
    expect(unsliced.timerIndex).toBe(20);
    // In time, too: the sliced timer fires within the first half of the 40 ms of work, the
    // unsliced one after all of it. Compared with each other rather than with a fixed number of
    // ms, since other test files share the CPU (a fixed 20 ms bound failed at 20.1 and 26.7 ms).
    expect(sliced.timerAt).toBeLessThan(unsliced.timerAt / 2 + 5);
  });
});
