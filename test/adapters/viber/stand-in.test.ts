import { describe, expect, it } from 'vitest';
import { viberAdapter } from '../../../adapters/viber/index.js';
import { startViberApi, viberTooManyRequests } from '../../support/stand-ins/viber-api.js';
import { useStandIn } from '../../support/stand-ins/use-stand-in.js';

const t = useStandIn(viberAdapter, () => startViberApi({ authToken: 'viber-token' }));

describe('startViberApi', () => {
  it('records send_message over real HTTP and answers distinct 64-bit tokens', async () => {
    const a = await viberAdapter.send('u1', { kind: 'text', text: 'one' }, t.ctx);
    const b = await viberAdapter.send('u1', { kind: 'text', text: 'two' }, t.ctx);
    expect(BigInt(b.messageIds[0]!) - BigInt(a.messageIds[0]!)).toBe(1n);
    expect(t.api.requests.map((r) => [r.path, r.headers['x-viber-auth-token'], (r.body as { text: string }).text])).toEqual([
      ['/pa/send_message', 'viber-token', 'one'],
      ['/pa/send_message', 'viber-token', 'two'],
    ]);
  });

  it('answers status 2 to a wrong auth token and a queued status 12 as a retryable failure', async () => {
    await expect(viberAdapter.send('u1', { kind: 'text', text: 'x' }, { config: { ...t.config, authToken: 'nope' }, http: t.http })).rejects.toMatchObject({
      platformCode: 2,
      retryable: false,
    });
    t.api.fail(1, viberTooManyRequests());
    await expect(viberAdapter.send('u1', { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ platformCode: 12, retryable: true });
  });

  it('records set_webhook and reports the webhook in the account info', async () => {
    await viberAdapter.setup!.setWebhook('https://bots.example.com/webhooks/viber', t.ctx);
    expect(t.api.requests[0]).toMatchObject({ path: '/pa/set_webhook', body: { url: 'https://bots.example.com/webhooks/viber' } });
    expect(await viberAdapter.setup!.webhookInfo(t.ctx)).toContain('webhook: https://bots.example.com/webhooks/viber');
  });
});
