/**
 * Times every store call into parley_store_seconds{method}. A wrapper over whatever methods
 * the store has, so it fits every implementation and keeps their optional methods optional.
 */
import type { ParleyMetrics } from './metrics.js';
import type { ConversationStore } from './store.js';

/** The store with each call's duration observed; the same store when metrics are off. */
export function instrumentStore(store: ConversationStore, metrics: ParleyMetrics | undefined): ConversationStore {
  if (!metrics) return store;
  const timed: Record<string, unknown> = { multiProcess: store.multiProcess };
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    const histogram = metrics.storeSeconds.labels({ method: name });
    timed[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await method.apply(store, args);
      } finally {
        histogram.observe((performance.now() - start) / 1000);
      }
    };
  }
  return timed as unknown as ConversationStore;
}
