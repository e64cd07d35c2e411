/**
 * Cooperative slicing of the event loop. Turns of many conversations start together (one
 * group commit wakes them all) and each runs synchronously between its awaits; run back to
 * back they hold the loop for tens of milliseconds, and every webhook waiting for its
 * acknowledgement waits with them. Before each turn the pipeline passes here: turns are let
 * through one at a time, and once a slice has used its budget the rest wait for the next turn
 * of the event loop, so network I/O (acknowledgements) gets its turn in between.
 */
import { performance } from 'node:perf_hooks';

/** Lets waiters through in slices of about `budgetMs` of the event loop. */
export class LoopSlicer {
  private readonly waiters: (() => void)[] = [];
  private releasing = false;

  constructor(private readonly budgetMs = 5) {}

  /** Resolves when this caller's slice comes (always on a later turn of the loop). */
  pass(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (!this.releasing) {
        this.releasing = true;
        setImmediate(() => void this.release());
      }
    });
  }

  private async release(): Promise<void> {
    const start = performance.now();
    while (this.waiters.length > 0) {
      if (performance.now() - start >= this.budgetMs) {
        // setImmediate from inside the check phase runs on the next loop turn, after I/O.
        setImmediate(() => void this.release());
        return;
      }
      this.waiters.shift()!();
      // The released caller's synchronous part runs before this loop reads the clock again.
      await null;
    }
    this.releasing = false;
  }
}

/**
 * For one synchronous loop that may run long (a dispatch starting many sends): says when its
 * slice of about `budgetMs` is spent, and `next` resumes it on a later turn, after I/O.
 */
export class SliceClock {
  private start = performance.now();

  constructor(private readonly budgetMs: number) {}

  /** True once the current slice has used its budget. */
  spent(): boolean {
    return performance.now() - this.start >= this.budgetMs;
  }

  /** Resolves on the next turn of the event loop (after pending I/O) with a fresh slice. */
  async next(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}
