/**
 * The example-bot scenario over Telegram: the real server, the Telegram stand-in, and
 * updates as Telegram POSTs them (secret-token header, callback queries for presses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { signedTelegramUpdate, telegramButtonPressUpdate } from '../support/webhooks/telegram.js';
import { describeExampleBot } from './example-bot-scenario.js';
import { TG_SECRET, TG_TOKEN, telegramDriver } from './drivers/telegram-driver.js';

describeExampleBot(telegramDriver);

describe('Telegram button presses over real HTTP', () => {
  let api: TelegramApi;
  let parley: TestParley;
  beforeAll(async () => {
    api = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley(telegramDriver.env(api.url));
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  it('answers the callback query of a press so the client stops its spinner', async () => {
    const update = telegramButtonPressUpdate({ id: 4242, name: 'Al' }, 'tennis', { title: 'Tenis' });
    const hook = signedTelegramUpdate(update, TG_SECRET);
    const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    const seen = await api.waitFor((reqs) => reqs.some((r) => r.path.endsWith('/answerCallbackQuery')), 5_000);
    expect(seen.find((r) => r.path.endsWith('/answerCallbackQuery'))!.body).toEqual({
      callback_query_id: update.callback_query!.id,
    });
  });
});
