/**
 * The vault over real HTTP, then every byte the store wrote is searched for the secrets and
 * the one-time tokens: the SQLite file with its -wal and -shm (read while the server runs,
 * so the WAL still holds every page written), and every value under a Redis test prefix.
 * Deliveries succeed for some replies and are refused for good (given up) for others.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { Redis } from 'ioredis';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { telegramDriver, TG_TOKEN } from './drivers/telegram-driver.js';
import { collectingLogger } from '../compile/conversation.js';

const REDIS_URL = process.env.REDIS_URL;
const refused = { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };

/** Runs new:<secret> and reveals with delivery succeeding and failing; returns what must not be at rest. */
async function vaultScenario(parley: TestParley, api: TelegramApi, tag: string): Promise<{ secrets: string[]; tokens: string[] }> {
  const post = async (user: string, text: string) => {
    const hook = telegramDriver.text(user, text);
    const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
  };
  const replies = (user: string) => telegramDriver.replies(api.requests, user).map((r) => r.text);
  const waitReplies = (user: string, n: number) => api.waitFor(() => replies(user).length >= n, 10_000);
  const waitFailed = async (n: number) => {
    for (let i = 0; i < 100 && (await parley.store.failedOutbox(100)).length < n; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await parley.store.failedOutbox(100)).length).toBeGreaterThanOrEqual(n);
  };
  const secret = (name: string) => `${name}-${tag}-${randomBytes(9).toString('base64url')} with spaces`;
  const secrets = [secret('delivered'), secret('reveal-refused'), secret('key-refused')];
  const tokens: string[] = [];
  const failedBefore = (await parley.store.failedOutbox(100)).length;

  // 1. Stored, key delivered, revealed, reveal delivered.
  const a = `a-${tag}`;
  await post(a, `new:${secrets[0]}`);
  await waitReplies(a, 1);
  const keyA = replies(a)[0];
  tokens.push(keyA.split(':')[1]);
  await post(a, keyA);
  await waitReplies(a, 2);
  expect(replies(a)[1]).toBe(secrets[0]);

  // 2. Stored, key delivered; the reveal's reply is refused for good (given up).
  const b = `b-${tag}`;
  await post(b, `new:${secrets[1]}`);
  await waitReplies(b, 1);
  const keyB = replies(b)[0];
  tokens.push(keyB.split(':')[1]);
  api.fail(1, refused);
  await post(b, keyB);
  await waitFailed(failedBefore + 1);

  // 3. Stored; the reply with the key is refused for good.
  const c = `c-${tag}`;
  api.fail(1, refused);
  await post(c, `new:${secrets[2]}`);
  await waitFailed(failedBefore + 2);

  // What was given up keeps neither the text nor a ciphertext of it.
  const failed = await parley.store.failedOutbox(100);
  expect(JSON.stringify(failed)).not.toContain(secrets[1]);
  for (const f of failed.slice(0, 2)) expect(f.message).toEqual({ kind: 'sealed', sealed: '' });
  return { secrets, tokens };
}

function expectAbsent(haystack: Buffer | string, what: Record<string, string[]>, where: string): void {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  for (const [kind, values] of Object.entries(what)) {
    for (const v of values) expect(bytes.includes(Buffer.from(v, 'utf8')), `${kind} ${v} found in ${where}`).toBe(false);
  }
}

describe('secrets at rest (SQLite)', () => {
  let api: TelegramApi;
  let parley: TestParley;
  const logger = collectingLogger();
  beforeAll(async () => {
    api = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley({ ...telegramDriver.env(api.url), PARLEY_SEND_BASE_DELAY_MS: '20' }, logger);
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  it('no secret and no token in the database file, its WAL, its SHM or the logs; files are 0600', async () => {
    const { secrets, tokens } = await vaultScenario(parley, api, 'sqlite');
    const db = join(parley.dataDir, 'parley.db');
    const files = [db, `${db}-wal`, `${db}-shm`].filter(existsSync);
    expect(files.length).toBe(3);
    let scanned = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      scanned += bytes.length;
      expectAbsent(bytes, { secret: secrets, token: tokens }, file);
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    expectAbsent(JSON.stringify(logger.lines), { secret: secrets, token: tokens }, 'the logs');
    console.info(`secrets at rest (SQLite): ${scanned} bytes in ${files.length} files scanned, 0 of ${secrets.length} secrets and 0 of ${tokens.length} tokens found`);
  });
});

describe.skipIf(!REDIS_URL)('secrets at rest (Redis)', () => {
  let api: TelegramApi;
  let parley: TestParley;
  let redis: Redis;
  const prefix = `parley-secrets-${Date.now()}:`;
  beforeAll(async () => {
    api = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley({ ...telegramDriver.env(api.url), REDIS_URL, PARLEY_REDIS_PREFIX: prefix, PARLEY_SEND_BASE_DELAY_MS: '20' });
    redis = new Redis(REDIS_URL!);
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('no secret and no token in any value under the prefix', async () => {
    const { secrets, tokens } = await vaultScenario(parley, api, 'redis');
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(5);
    let scanned = 0;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string' ? [await redis.get(key)]
        : type === 'hash' ? Object.entries(await redis.hgetall(key)).flat()
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : type === 'zset' ? await redis.zrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : [`unexpected type ${type}`];
      const text = `${key}\n${value.join('\n')}`;
      scanned += text.length;
      expectAbsent(text, { secret: secrets, token: tokens }, key);
    }
    console.info(`secrets at rest (Redis): ${keys.length} keys, ${scanned} characters scanned, 0 of ${secrets.length} secrets and 0 of ${tokens.length} tokens found`);
  });
});
