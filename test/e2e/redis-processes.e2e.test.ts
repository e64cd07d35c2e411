/**
 * Two Parley processes on one Redis behind a "load balancer" (the test alternates between
 * them): one user's concurrent messages are answered in order with no lost update, and four
 * concurrent reveals of one vault secret reveal it exactly once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { spawnParley, type SpawnedParley } from '../support/spawn-parley.js';
import { postTelegramText } from '../support/post-telegram.js';
import { redisTelegramEnv } from '../support/redis-telegram-env.js';
import { telegramDriver } from './drivers/telegram-driver.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn('redis-processes.e2e.test.ts: skipped: set REDIS_URL to run the two-process Redis suite');

describe.skipIf(!redisUrl)('two Parley processes on one Redis', () => {
  let api: TelegramApi;
  let procs: SpawnedParley[] = [];
  beforeAll(async () => {
    api = await startTelegramApi();
    const env = {
      ...redisTelegramEnv(api.url, redisUrl!, 'parley-e2e', join(import.meta.dirname, '..', 'fixtures', 'flows', 'counter')),
      PARLEY_SECRET_KEY: '33'.repeat(32),
    };
    procs = await Promise.all([spawnParley(env), spawnParley(env)]);
  }, 40_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await api?.close();
  });

  const post = (proc: SpawnedParley, user: string, text: string) => postTelegramText(proc.url, user, text);

  it('answers one user\'s concurrent messages in order with no lost update', async () => {
    const user = 'redis-counter';
    const N = 24;
    // All at once, alternating processes: arrival order is whatever the store recorded.
    await Promise.all(Array.from({ length: N }, (_, i) => post(procs[i % 2], user, `m${i}`)));
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= N, 15_000);
    const replies = telegramDriver.replies(api.requests, user).map((r) => r.text);
    expect(replies.map((r) => Number(r.split(' ')[0]))).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(replies.map((r) => r.split(' ')[1]).sort()).toEqual(Array.from({ length: N }, (_, i) => `m${i}`).sort());
  });

  it('reveals a vault secret to exactly one of four concurrent requests across processes', async () => {
    await post(procs[0], 'redis-owner', 'new:only once');
    await api.waitFor((reqs) => telegramDriver.replies(reqs, 'redis-owner').length >= 1, 10_000);
    const key = telegramDriver.replies(api.requests, 'redis-owner')[0].text;
    const readers = ['rr1', 'rr2', 'rr3', 'rr4'];
    await Promise.all(readers.map((u, i) => post(procs[i % 2], u, key)));
    await api.waitFor((reqs) => readers.every((u) => telegramDriver.replies(reqs, u).length >= 1), 10_000);
    const answers = readers.map((u) => telegramDriver.replies(api.requests, u)[0].text);
    expect(answers.filter((a) => a === 'only once')).toHaveLength(1);
  });
});
