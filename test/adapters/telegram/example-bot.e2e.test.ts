/**
 * The lead's example-bot scenario over Telegram: the real server, the Telegram stand-in, and
 * updates as Telegram POSTs them (secret-token header, callback queries for presses).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestParley, type TestParley } from '../../support/parley-server.js';
import type { RecordedRequest } from '../../support/stand-ins/recording-server.js';
import { startTelegramApi, type TelegramApi } from '../../support/stand-ins/telegram-api.js';
import {
  signedTelegramUpdate,
  telegramButtonPressUpdate,
  telegramCommandUpdate,
  telegramTextUpdate,
} from '../../support/webhooks/telegram.js';
import { describeExampleBot } from '../../e2e/example-bot-scenario.js';
import type { PlatformDriver, SeenReply } from '../../e2e/platform-driver.js';

const SECRET = 'tg_secret-1';
const TOKEN = '7311902846:AAE-e2e';

/** The scenario names users with strings; Telegram ids are numbers. */
function chatId(user: string): number {
  return createHash('sha256').update(user).digest().readUInt32BE(0) + 1;
}

interface TgBody {
  chat_id: number;
  text?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

const telegramDriver: PlatformDriver = {
  name: 'telegram',
  givesName: true,
  startApi: () => startTelegramApi({ token: TOKEN }),
  env: (url) => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_URL: url }),
  text: (user, text) => signedTelegramUpdate(telegramTextUpdate({ id: chatId(user), name: 'Tg User' }, text), SECRET),
  press: (user, option) =>
    signedTelegramUpdate(telegramButtonPressUpdate({ id: chatId(user), name: 'Tg User' }, option.id, { title: option.title }), SECRET),
  welcome: (user, name) => signedTelegramUpdate(telegramCommandUpdate({ id: chatId(user), name }, 'start'), SECRET),
  sign: (body) => signedTelegramUpdate(body, SECRET),
  forge: (hook) => ({ ...hook, headers: { ...hook.headers, 'x-telegram-bot-api-secret-token': 'wrong' } }),
  replies(requests: RecordedRequest[], user: string): SeenReply[] {
    return requests
      .filter((r) => r.path.endsWith('/sendMessage') && (r.body as TgBody)?.chat_id === chatId(user))
      .map((r) => r.body as TgBody)
      .map((b) => ({
        text: b.text ?? '',
        ...(b.reply_markup
          ? { options: b.reply_markup.inline_keyboard.flat().map((btn) => ({ id: btn.callback_data, title: btn.text })) }
          : {}),
      }));
  },
};

describeExampleBot(telegramDriver);

describe('Telegram button presses over real HTTP', () => {
  let api: TelegramApi;
  let parley: TestParley;
  beforeAll(async () => {
    api = await startTelegramApi({ token: TOKEN });
    parley = await startTestParley(telegramDriver.env(api.url));
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  it('answers the callback query of a press so the client stops its spinner', async () => {
    const update = telegramButtonPressUpdate({ id: 4242, name: 'Al' }, 'tennis', { title: 'Tenis' });
    const hook = signedTelegramUpdate(update, SECRET);
    const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    const seen = await api.waitFor((reqs) => reqs.some((r) => r.path.endsWith('/answerCallbackQuery')), 5_000);
    expect(seen.find((r) => r.path.endsWith('/answerCallbackQuery'))!.body).toEqual({
      callback_query_id: update.callback_query!.id,
    });
  });
});
