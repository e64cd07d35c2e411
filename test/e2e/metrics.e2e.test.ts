/**
 * Metrics and backlog as an operator reads them: GET /metrics behind its token or on its own
 * port, /healthz with the outbox per platform, after real Telegram updates went through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { signedTelegramUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';
import { TG_SECRET, TG_TOKEN, telegramDriver } from './drivers/telegram-driver.js';

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: await res.body.text() };
}

describe('metrics and backlog', () => {
  let api: TelegramApi;
  let parley: TestParley;
  beforeAll(async () => {
    api = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley({ ...telegramDriver.env(api.url), PARLEY_METRICS_TOKEN: 'm-token', PARLEY_METRICS_PORT: '0', PARLEY_API_TOKEN: 'api-token' });
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  it('counts webhooks, turns, sends and store calls, behind the token and on the metrics port', async () => {
    for (let i = 1; i <= 3; i++) {
      const hook = signedTelegramUpdate(telegramTextUpdate({ id: 9100 + i, name: 'M' }, 'hola'), TG_SECRET);
      const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
      await res.body.dump();
    }
    const forged = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': 'no', 'content-type': 'application/json' }, body: '{}' });
    await forged.body.dump();
    await api.waitFor((reqs) => reqs.filter((r) => r.path.endsWith('/sendMessage')).length >= 6, 10_000);

    expect((await get(`${parley.url}/metrics`)).status).toBe(401);
    expect((await get(`${parley.url}/metrics`, { authorization: 'Bearer wrong' })).status).toBe(401);
    // The sender counts a send after it was marked sent; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { status, body } = await get(`${parley.url}/metrics`, { authorization: 'Bearer m-token' });
    expect(status).toBe(200);
    expect(body).toContain('parley_webhooks_total{platform="telegram",status="200"} 3');
    expect(body).toMatch(/parley_webhooks_total\{platform="telegram",status="40[13]"\} 1/);
    expect(body).toContain('parley_sends_total{platform="telegram",result="sent"} 6');
    expect(body).toMatch(/parley_turn_seconds_count\{platform="telegram"\} 3/);
    expect(body).toMatch(/parley_store_seconds_count\{method="commit"\} [1-9]/);
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect(body).toContain('parley_outbox_backlog');

    const own = await get(parley.metricsUrl!);
    expect(own.status).toBe(200);
    expect(own.body).toContain('parley_sends_total{platform="telegram",result="sent"} 6');
  });

  it('shows the outbox per platform in the verbose /healthz, to the API token only', async () => {
    const verbose = await get(`${parley.url}/healthz?verbose`, { authorization: 'Bearer api-token' });
    expect(verbose.status).toBe(200);
    expect(JSON.parse(verbose.body)).toMatchObject({ status: 'ok', outbox: expect.any(Object) });
    expect(JSON.parse((await get(`${parley.url}/healthz?verbose`)).body)).not.toHaveProperty('outbox');
  });
});
