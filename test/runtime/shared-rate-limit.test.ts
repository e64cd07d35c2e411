import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { RateLimiter } from '../../engine/runtime/rate-limiter.js';
import { createRedisStore } from '../../engine/runtime/stores/redis-store.js';
import { clearRedisPrefix } from '../../bench/redis-cleanup.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';

const url = process.env.REDIS_URL;
const prefix = `parley-test:${randomUUID()}:shared-rate:`;

function item(n: number): OutboxItem {
  return { id: `i${n}`, key: `p:${n}`, platform: 'p', to: String(n), message: { kind: 'text', text: String(n) }, seq: n, attempts: 0, notBefore: 0, createdAt: 1000 + n };
}

describe.skipIf(!url)('two senders on one Redis sharing a platform limit', () => {
  const stores: ConversationStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await clearRedisPrefix(url!, prefix);
  });

  it('send at the platform\'s rate together, not at twice it, each item once', async () => {
    const a = await createRedisStore({ url: url!, prefix });
    const b = await createRedisStore({ url: url!, prefix });
    stores.push(a, b);
    await a.enqueue(Array.from({ length: 400 }, (_, i) => item(i)));
    const times: number[] = [];
    const ids = new Set<string>();
    const perSender = [0, 0];
    const senders = [a, b].map(
      (store, n) =>
        new OutboxSender({
          store,
          logger: silentLogger,
          pollMs: 50,
          rateLimiter: new RateLimiter({ p: { perSecond: 40, perConversationPerSecond: 0, burst: 1 } }, Date.now, store.takeToken!.bind(store)),
          async deliver(it) {
            expect(ids.has(it.id)).toBe(false);
            ids.add(it.id);
            times.push(Date.now());
            perSender[n]++;
            return { messageIds: [it.id] };
          },
        }),
    );
    const start = Date.now();
    for (const s of senders) s.start();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await Promise.all(senders.map((s) => s.stop()));
    // The bucket starts full (40 tokens), then refills at 40/s: in the 2 s after the first
    // second, 80 sends in all (one sender alone would be held to the same).
    const window = times.filter((t) => t >= start + 1000 && t < start + 3000).length;
    expect(window).toBeGreaterThanOrEqual(76);
    expect(window).toBeLessThanOrEqual(84);
    expect(times.length).toBeLessThanOrEqual(40 + 3 * 40 + 2);
    // Both took part.
    expect(Math.min(...perSender)).toBeGreaterThan(20);
  });
});
