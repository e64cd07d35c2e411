/**
 * Platform 429s and 5xx over real HTTP: every reply is delivered exactly once, in order,
 * after waiting for Telegram's retry_after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, telegramTooManyRequests, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { postTelegramText } from '../support/post-telegram.js';
import { telegramDriver } from './drivers/telegram-driver.js';

describe('delivery under platform faults (Telegram stand-in)', () => {
  let api: TelegramApi;
  let parley: TestParley;
  beforeAll(async () => {
    api = await startTelegramApi();
    parley = await startTestParley({ ...telegramDriver.env(api.url), PARLEY_SEND_BASE_DELAY_MS: '50' });
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  const post = (user: string, text: string) => postTelegramText(parley.url, user, text);

  it('waits out a 429 with retry_after and delivers each reply once, in order', async () => {
    const user = 'fault-429';
    api.fail(1, telegramTooManyRequests(1));
    const started = Date.now();
    for (let i = 1; i <= 4; i++) await post(user, `!echo r${i}`);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= 4, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(telegramDriver.replies(api.requests, user).map((r) => r.text)).toEqual(['r1', 'r2', 'r3', 'r4']);
    // The first attempt was refused; the next one came only after retry_after (1 s).
    const attempts = api.requests.filter((r) => r.path.endsWith('/sendMessage') && (r.body as { text?: string }).text === 'r1');
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('retries 5xx with backoff and delivers each reply once, in order', async () => {
    const user = 'fault-5xx';
    api.fail(3, { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    for (let i = 1; i <= 3; i++) await post(user, `!echo s${i}`);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= 3, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(telegramDriver.replies(api.requests, user).map((r) => r.text)).toEqual(['s1', 's2', 's3']);
  });

  it('records a reply the platform refuses for good and goes on with the next', async () => {
    const user = 'fault-403';
    api.fail(1, { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
    await post(user, '!echo lost');
    await post(user, '!echo next');
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).some((r) => r.text === 'next'), 10_000);
    const failed = await parley.store.failedOutbox(10);
    expect(failed.some((f) => f.error.includes('blocked by the user'))).toBe(true);
  });
});
