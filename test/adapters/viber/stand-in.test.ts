import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../engine/runtime/http-client.js';
import { viberAdapter } from '../../../adapters/viber/index.js';
import type { ViberConfig } from '../../../adapters/viber/config.js';
import { startViberApi, viberTooManyRequests, type ViberApi } from '../../support/stand-ins/viber-api.js';

let api: ViberApi;
let config: ViberConfig;
const http = createHttpClient();
beforeEach(async () => {
  api = await startViberApi({ authToken: 'viber-token' });
  config = viberAdapter.configFromEnv({ VIBER_AUTH_TOKEN: 'viber-token', VIBER_API_URL: api.url }).config!;
});
afterEach(async () => api.close());

describe('startViberApi', () => {
  it('records send_message over real HTTP and answers distinct 64-bit tokens', async () => {
    const a = await viberAdapter.send('u1', { kind: 'text', text: 'one' }, { config, http });
    const b = await viberAdapter.send('u1', { kind: 'text', text: 'two' }, { config, http });
    expect(BigInt(b.messageIds[0]!) - BigInt(a.messageIds[0]!)).toBe(1n);
    expect(api.requests.map((r) => [r.path, r.headers['x-viber-auth-token'], (r.body as { text: string }).text])).toEqual([
      ['/pa/send_message', 'viber-token', 'one'],
      ['/pa/send_message', 'viber-token', 'two'],
    ]);
  });

  it('answers status 2 to a wrong auth token and a queued status 12 as a retryable failure', async () => {
    await expect(viberAdapter.send('u1', { kind: 'text', text: 'x' }, { config: { ...config, authToken: 'nope' }, http })).rejects.toMatchObject({
      platformCode: 2,
      retryable: false,
    });
    api.fail(1, viberTooManyRequests());
    await expect(viberAdapter.send('u1', { kind: 'text', text: 'x' }, { config, http })).rejects.toMatchObject({ platformCode: 12, retryable: true });
  });

  it('records set_webhook and reports the webhook in the account info', async () => {
    await viberAdapter.setup!.setWebhook('https://bots.example.com/webhooks/viber', { config, http });
    expect(api.requests[0]).toMatchObject({ path: '/pa/set_webhook', body: { url: 'https://bots.example.com/webhooks/viber' } });
    expect(await viberAdapter.setup!.webhookInfo({ config, http })).toContain('webhook: https://bots.example.com/webhooks/viber');
  });
});
