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

/**
 * Runs a synchronous write inside the store's shared group commit; resolves once it committed.
 * `first`: it goes before the others waiting (a webhook's accept, which its acknowledgement
 * waits for), so a queue of turn commits never pushes it to a later transaction.
 */
export type GroupWrite = <R>(op: () => R, first?: boolean) => Promise<R>;

/**
 * One group commit for every kind of write of a database (accepts, turn commits, delivery
 * marks, transcripts): those queued in one turn of the event loop share one transaction,
 * instead of one transaction per kind. Each op runs in the order it was queued.
 */
export function groupWrites(db: Database, maxBatch = 128): GroupWrite {
  const many = db.transaction((ops: (() => unknown)[]) => ops.map((op) => op()));
  const run = batchWrites<() => unknown, unknown>((ops) => many.immediate(ops), maxBatch);
  return <R>(op: () => R, first?: boolean) => run(op, first) as Promise<R>;
}

/**
 * Wraps `runMany` (one transaction over all queued inputs, results in order) as a per-call
 * function; a call with `first` is queued ahead of the calls without it.
 */
export function batchWrites<A, R>(runMany: (inputs: A[]) => R[], maxBatch = 64): (input: A, first?: boolean) => Promise<R> {
  type Entry = { input: A; resolve(r: R): void; reject(e: unknown): void };
  let queue: Entry[] = [];
  let ahead = 0; // how many entries at the head of the queue came with `first`
  let scheduled = false;
  const flush = () => {
    const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
    if (batch === queue) queue = [];
    ahead = Math.max(0, ahead - batch.length);
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
  return (input, first) =>
    new Promise<R>((resolve, reject) => {
      if (first) queue.splice(ahead++, 0, { input, resolve, reject });
      else queue.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
