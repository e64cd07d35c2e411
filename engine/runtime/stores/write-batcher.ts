/**
 * Group commit for a synchronous database: calls made in the same turn of the event loop are
 * queued and written together in one transaction at the next `setImmediate`. Each caller's
 * promise settles only after that transaction committed, so "resolved" still means "durable".
 * Many small write transactions were the largest cost of the SQLite store under load.
 *
 * A transaction takes at most `maxBatch` calls; the rest wait for the next turn of the loop,
 * so a burst of commits never holds the event loop (and the acknowledgements waiting on it)
 * for one long synchronous write.
 *
 * A group must not share its failures: one caller's bad input (a value JSON.stringify cannot
 * write, a constraint it breaks) used to roll back and reject every webhook of the group. When
 * a group's transaction fails, nothing of it was written, so each input is run again in a
 * transaction of its own, and only the inputs that fail alone are rejected.
 */

import type { Database } from 'better-sqlite3';

/** Runs a synchronous write inside the store's shared group commit; resolves once it committed. */
export type GroupWrite = <R>(op: () => R) => Promise<R>;

/**
 * One group commit for every kind of write of a database (accepts, turn commits, delivery
 * marks, transcripts): those queued in one turn of the event loop share one transaction,
 * instead of one transaction per kind. Each op runs in the order it was queued.
 */
export function groupWrites(db: Database, maxBatch = 128): GroupWrite {
  const many = db.transaction((ops: (() => unknown)[]) => ops.map((op) => op()));
  const run = batchWrites<() => unknown, unknown>((ops) => many.immediate(ops), maxBatch);
  return <R>(op: () => R) => run(op) as Promise<R>;
}

/** Wraps `runMany` (one transaction over all queued inputs, results in order) as a per-call function. */
export function batchWrites<A, R>(runMany: (inputs: A[]) => R[], maxBatch = 64): (input: A) => Promise<R> {
  let queue: { input: A; resolve(r: R): void; reject(e: unknown): void }[] = [];
  let scheduled = false;
  const flush = () => {
    const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
    if (batch === queue) queue = [];
    scheduled = queue.length > 0;
    // Scheduled before the write, so calls made meanwhile join the rest in the next turn.
    if (scheduled) setImmediate(flush);
    try {
      const results = runMany(batch.map((b) => b.input));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const b of batch) {
        try {
          b.resolve(runMany([b.input])[0]!);
        } catch (alone) {
          b.reject(alone);
        }
      }
    }
  };
  return (input) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
