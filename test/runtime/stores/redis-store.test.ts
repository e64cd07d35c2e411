import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../../engine/runtime/stores/redis-store.js';
import { describeStoreContract } from '../store-contract/describe-store-contract.js';
import { inboxEntry } from '../store-contract/fixtures.js';
import { clearRedisPrefix } from '../../../bench/redis-cleanup.js';

const url = process.env.REDIS_URL;
const runPrefix = `parley-test:${randomUUID()}:`;
let n = 0;

/** Deletes every key this run created. */
const deleteRunKeys = () => clearRedisPrefix(url!, runPrefix);

if (url) {
  afterAll(deleteRunKeys);
  describeStoreContract('createRedisStore', async ({ now }) => createRedisStore({ url, prefix: `${runPrefix}${++n}:`, now }));

  describe('createRedisStore', () => {
    it('shares state between two clients with the same prefix', async () => {
      const prefix = `${runPrefix}shared:`;
      const [a, b] = await Promise.all([createRedisStore({ url, prefix }), createRedisStore({ url, prefix })]);
      expect(await a.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('new');
      expect(await b.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('duplicate');
      expect(await a.lock('tg:1', 'a', 10_000)).toBe(true);
      expect(await b.lock('tg:1', 'b', 10_000)).toBe(false);
      const base = { key: 'tg:1', expectedRevision: 0, flowVersion: 'v', outbox: [], timers: [] };
      const results = await Promise.all([a.commit({ ...base, snapshot: 'a' }), b.commit({ ...base, snapshot: 'b' })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      await Promise.all([a.close(), b.close()]);
    });

    it('keeps a note as one key under the prefix that Redis expires by itself (PX)', async () => {
      const prefix = `${runPrefix}notes:`;
      const store = await createRedisStore({ url, prefix, now: () => 1_000 });
      await store.putNote('tg', 'k', 'v', 61_000);
      const redis = new Redis(url!);
      const ttl = await redis.pttl(`${prefix}note:tg:k`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await redis.quit();
      await store.close();
    });

    it('reads a task of the old layout (JSON in the tasks hash) and moves it to its own hash on a put', async () => {
      const prefix = `${runPrefix}legacy-task:`;
      const redis = new Redis(url!);
      const old = { id: 't1', status: 'queued', platform: 'tg', to: '1', request: {}, createdAt: 1, updatedAt: 1, items: 2, countedItems: ['o1'], callbackQueued: true };
      await redis.hset(`${prefix}tasks`, 't1', JSON.stringify(old));
      const store = await createRedisStore({ url, prefix });
      const { countedItems: _c, ...rest } = old;
      const task = await store.getTask('t1');
      expect(task).toEqual({ ...rest, deliveredItemIds: ['o1'] });
      await store.putTask({ ...task!, status: 'sent' });
      expect(await redis.hexists(`${prefix}tasks`, 't1')).toBe(0);
      expect(await store.getTask('t1')).toEqual({ ...rest, deliveredItemIds: ['o1'], status: 'sent' });
      await redis.quit();
      await store.close();
    });

    it('keeps stores with different prefixes apart', async () => {
      const a = await createRedisStore({ url, prefix: `${runPrefix}a:` });
      const b = await createRedisStore({ url, prefix: `${runPrefix}b:` });
      await a.accept(inboxEntry('tg:1', 'e1'), 60_000);
      expect(await b.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('new');
      expect(await b.pendingKeys(10)).toEqual(['tg:1']);
      await Promise.all([a.close(), b.close()]);
    });
  });
} else {
  console.warn('Redis store suite skipped: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run it.');
  describe.skip('createRedisStore (skipped: set REDIS_URL to run the Redis store suite)', () => {
    it('needs a Redis server', () => {});
  });
}
