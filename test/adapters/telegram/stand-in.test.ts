import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../engine/runtime/http-client.js';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import type { TelegramConfig } from '../../../adapters/telegram/config.js';
import { startTelegramApi, telegramTooManyRequests, type TelegramApi } from '../../support/stand-ins/telegram-api.js';

let api: TelegramApi;
let config: TelegramConfig;
const http = createHttpClient();
beforeEach(async () => {
  api = await startTelegramApi({ token: '42:secret' });
  config = telegramAdapter.configFromEnv({ TELEGRAM_BOT_TOKEN: '42:secret', TELEGRAM_API_URL: api.url }).config!;
});
afterEach(async () => api.close());

describe('startTelegramApi', () => {
  it('records the adapter\'s sendMessage over real HTTP and answers with increasing message ids', async () => {
    const first = await telegramAdapter.send('582043117', { kind: 'text', text: 'one' }, { config, http });
    const second = await telegramAdapter.send('582043117', { kind: 'text', text: 'two' }, { config, http });
    expect(Number(second.messageIds[0])).toBe(Number(first.messageIds[0]) + 1);
    expect(api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/bot42:secret/sendMessage', { chat_id: 582043117, text: 'one' }],
      ['POST', '/bot42:secret/sendMessage', { chat_id: 582043117, text: 'two' }],
    ]);
  });

  it('answers the next requests with a queued failure, then succeeds again', async () => {
    api.fail(1, telegramTooManyRequests(2));
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, { config, http })).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
    });
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, { config, http })).resolves.toMatchObject({
      messageIds: [expect.any(String)],
    });
  });

  it('answers 401 to a wrong token, as Telegram does', async () => {
    const wrong = { ...config, token: '42:wrong' };
    await expect(telegramAdapter.send('1', { kind: 'text', text: 'x' }, { config: wrong, http })).rejects.toMatchObject({
      status: 401,
      retryable: false,
    });
  });

  it('resolves waitFor once the predicate holds and rejects after the timeout otherwise', async () => {
    const waiting = api.waitFor((requests) => requests.some((r) => r.path.endsWith('/sendChatAction')), 2000);
    await telegramAdapter.send('1', { kind: 'typing' }, { config, http });
    expect((await waiting).map((r) => r.path)).toEqual(['/bot42:secret/sendChatAction']);
    await expect(api.waitFor((requests) => requests.length > 5, 50)).rejects.toThrow(/within 50 ms/);
  });

  it('records webhook set-up and reports it back', async () => {
    const said = await telegramAdapter.setup!.setWebhook('https://bots.example.com/webhooks/telegram', { config, http });
    expect(said).toContain('WITHOUT a secret token');
    expect(api.requests[0]!.body).toEqual({
      url: 'https://bots.example.com/webhooks/telegram',
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
    expect(await telegramAdapter.setup!.webhookInfo({ config, http })).toContain('url: https://bots.example.com/webhooks/telegram');
  });
});
