/**
 * kill -9 of real server processes while secrets are being revealed, on SQLite and on Redis.
 * A reveal deletes the secret in the same atomic commit as the reply that shows it, so after
 * a restart each secret must be either shown to its user or still revealable: a secret gone
 * unseen is a loss, and the test allows none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { Redis } from 'ioredis';
import { spawnParley, type SpawnedParley } from '../support/spawn-parley.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { telegramDriver, TG_TOKEN } from './drivers/telegram-driver.js';

const REDIS_URL = process.env.REDIS_URL;
// VAULT_CRASH_ROUNDS raises the number of kills for a longer run (the report's figures).
const ROUNDS = Number(process.env.VAULT_CRASH_ROUNDS ?? 5);
const SECRETS = 8;

/** Posts one webhook until it is acknowledged, as Telegram retries (the same update each time). */
async function deliver(server: () => SpawnedParley, hook: { headers: Record<string, string>; body: string }): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      const res = await request(`${server().url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      /* the server is down: retry like the platform */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('a reveal was never acknowledged');
}

/** Rounds of: store SECRETS secrets, reveal them all at once, kill -9 at a random moment, restart, count. */
async function crashRounds(api: TelegramApi, env: Record<string, string>, label: string) {
  let lost = 0;
  let reveals = 0;
  let shown = 0;
  let stillThere = 0;
  let afterRestart = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    let server = await spawnParley(env);
    const users = Array.from({ length: SECRETS }, (_, i) => `${label}-r${round}-u${i}-${Date.now()}`);
    const texts = users.map((u) => `secret of ${u} ${randomBytes(6).toString('hex')}`);
    const replies = (u: string) => telegramDriver.replies(api.requests, u).map((r) => r.text);
    await Promise.all(users.map((u, i) => deliver(() => server, telegramDriver.text(u, `new:${texts[i]}`))));
    await api.waitFor(() => users.every((u) => replies(u).length >= 1), 15_000);
    const keys = users.map((u) => replies(u)[0]!);

    // All reveals at once; the kill lands a random moment after the first ack.
    let firstAck!: () => void;
    const acked = new Promise<void>((r) => (firstAck = r));
    const load = Promise.all(users.map(async (u, i) => {
      await deliver(() => server, telegramDriver.text(u, keys[i]!));
      firstAck();
    }));
    await acked;
    // Biased early (where turns are between reading the secret and committing), up to 400 ms
    // (replies already delivered), so every stage of a reveal gets hit across the rounds.
    await new Promise((r) => setTimeout(r, Math.random() ** 2 * 400));
    const killedAt = Date.now();
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    server = await spawnParley(env);
    await load;
    reveals += SECRETS;

    // Every reveal is answered after the restart: with the secret, or (a loss) with "gone".
    await api.waitFor(() => users.every((u) => replies(u).length >= 2), 20_000).catch(() => undefined);
    for (let i = 0; i < SECRETS; i++) {
      const after = replies(users[i]!).slice(1);
      if (after.includes(texts[i]!)) {
        shown++;
        // Shown only after the restart: its turn had not committed (or not sent) at the kill.
        const sent = api.requests.find((r) => (r.body as { text?: string })?.text === texts[i] && (r.status ?? 200) < 300);
        if (sent && sent.receivedAt >= killedAt) afterRestart++;
        continue;
      }
      // Not shown: it must still be revealable (a fresh update, not a retry of the old one).
      await deliver(() => server, telegramDriver.text(users[i]!, keys[i]!));
      await api.waitFor(() => replies(users[i]!).length > after.length + 1, 10_000).catch(() => undefined);
      if (replies(users[i]!).includes(texts[i]!)) stillThere++;
      else lost++;
    }
    await server.stop();
  }
  console.info(`vault crash (${label}): ${ROUNDS} kill -9s during ${reveals} reveals; ${shown} shown (${afterRestart} of them only after the restart), ${stillThere} still revealable after the restart, ${lost} destroyed unseen`);
  return { lost, reveals, shown, stillThere };
}

describe('vault reveals under kill -9', () => {
  let api: TelegramApi;
  const dirs: string[] = [];
  beforeAll(async () => {
    api = await startTelegramApi({ token: TG_TOKEN });
  });
  afterAll(async () => {
    await api?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const base = (url: string) => ({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_SECRET_KEY: '33'.repeat(32),
    PARLEY_TICK_MS: '100',
    PARLEY_LOCK_TTL_MS: '1500',
    PARLEY_OUTBOX_LEASE_MS: '2000',
    PARLEY_RATE_TELEGRAM: '0,0,1',
    ...telegramDriver.env(url),
  });

  it('SQLite: no secret is destroyed unseen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-vault-crash-'));
    dirs.push(dir);
    const { lost, shown, stillThere, reveals } = await crashRounds(api, { ...base(api.url), PARLEY_DB: join(dir, 'parley.db') }, 'sqlite');
    expect(lost).toBe(0);
    expect(shown + stillThere).toBe(reveals);
  }, ROUNDS * 25_000 + 60_000);

  it.skipIf(!REDIS_URL)('Redis: no secret is destroyed unseen', async () => {
    const prefix = `parley-vault-crash-${Date.now()}:`;
    try {
      const { lost, shown, stillThere, reveals } = await crashRounds(api, { ...base(api.url), REDIS_URL: REDIS_URL!, PARLEY_REDIS_PREFIX: prefix }, 'redis');
      expect(lost).toBe(0);
      expect(shown + stillThere).toBe(reveals);
    } finally {
      const redis = new Redis(REDIS_URL!);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  }, ROUNDS * 25_000 + 60_000);
});
