/**
 * Group commit for a synchronous database: calls made in the same turn of the event loop are
 * queued and written together in one transaction at the next `setImmediate`. Each caller's
 * promise settles only after that transaction committed, so "resolved" still means "durable".
 * Many small write transactions were the largest cost of the SQLite store under load.
 *
 * A transaction takes at most `maxBatch` calls; the rest wait for the next turn of the loop,
 * so a burst of commits never holds the event loop (and the acknowledgements waiting on it)
 * for one long synchronous write.
 */

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
      batch.forEach((b) => b.reject(err));
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
