import { describe, expect, it } from 'vitest';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import { startTelegramApi, telegramTooManyRequests } from '../../support/stand-ins/telegram-api.js';
import { useStandIn } from '../../support/stand-ins/use-stand-in.js';

const t = useStandIn(telegramAdapter, () => startTelegramApi({ token: '42:secret' }));

describe('startTelegramApi', () => {
  it('records the adapter\'s sendMessage over real HTTP and answers with increasing message ids', async () => {
    const first = await telegramAdapter.send('582043117', { kind: 'text', text: 'one' }, t.ctx);
    const second = await telegramAdapter.send('582043117', { kind: 'text', text: 'two' }, t.ctx);
    expect(Number(second.messageIds[0])).toBe(Number(first.messageIds[0]) + 1);
    expect(t.api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/bot42:secret/sendMessage', { chat_id: 582043117, text: 'one' }],
      ['POST', '/bot42:secret/sendMessage', { chat_id: 582043117, text: 'two' }],
    ]);
  });

  it('answers the next requests with a queued failure, then succeeds again', async () => {
    t.api.fail(1, telegramTooManyRequests(2));
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
    });
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, t.ctx)).resolves.toMatchObject({
      messageIds: [expect.any(String)],
    });
  });

  it('answers 401 to a wrong token, as Telegram does', async () => {
    const wrong = { ...t.config, token: '42:wrong' };
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, { config: wrong, http: t.http })).rejects.toMatchObject({
      status: 401,
      retryable: false,
    });
  });

  it('resolves waitFor once the predicate holds and rejects after the timeout otherwise', async () => {
    const waiting = t.api.waitFor((requests) => requests.some((r) => r.path.endsWith('/sendChatAction')), 2000);
    await telegramAdapter.send('1', { kind: 'typing' }, t.ctx);
    expect((await waiting).map((r) => r.path)).toEqual(['/bot42:secret/sendChatAction']);
    await expect(t.api.waitFor((requests) => requests.length > 5, 50)).rejects.toThrow(/within 50 ms/);
  });

  it('records webhook set-up and reports it back', async () => {
    const said = await telegramAdapter.setup!.setWebhook('https://bots.example.com/webhooks/telegram', t.ctx);
    expect(said).toContain('WITHOUT a secret token');
    expect(t.api.requests[0]!.body).toEqual({
      url: 'https://bots.example.com/webhooks/telegram',
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
    expect(await telegramAdapter.setup!.webhookInfo(t.ctx)).toContain('url: https://bots.example.com/webhooks/telegram');
  });
});
