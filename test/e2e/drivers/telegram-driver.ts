/**
 * Telegram, as a user of the example bot meets it: updates as Telegram POSTs them
 * (secret-token header, callback queries for presses), replies read from sendMessage calls.
 */
import { createHash } from 'node:crypto';
import type { RecordedRequest } from '../../support/stand-ins/recording-server.js';
import { startTelegramApi } from '../../support/stand-ins/telegram-api.js';
import {
  signedTelegramUpdate,
  telegramButtonPressUpdate,
  telegramCommandUpdate,
  telegramTextUpdate,
} from '../../support/webhooks/telegram.js';
import type { PlatformDriver, SeenReply } from '../platform-driver.js';

export const TG_SECRET = 'tg_secret-1';
export const TG_TOKEN = '7311902846:AAE-e2e';

/** The scenario names users with strings; Telegram ids are numbers. */
export function chatId(user: string): number {
  return createHash('sha256').update(user).digest().readUInt32BE(0) + 1;
}

interface TgBody {
  chat_id: number;
  text?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

export const telegramDriver: PlatformDriver = {
  name: 'telegram',
  givesName: true,
  startApi: () => startTelegramApi({ token: TG_TOKEN }),
  env: (url) => ({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_URL: url }),
  text: (user, text) => signedTelegramUpdate(telegramTextUpdate({ id: chatId(user), name: 'Tg User' }, text), TG_SECRET),
  press: (user, option) =>
    signedTelegramUpdate(telegramButtonPressUpdate({ id: chatId(user), name: 'Tg User' }, option.id, { title: option.title }), TG_SECRET),
  welcome: (user, name) => signedTelegramUpdate(telegramCommandUpdate({ id: chatId(user), name }, 'start'), TG_SECRET),
  sign: (body) => signedTelegramUpdate(body, TG_SECRET),
  forge: (hook) => ({ ...hook, headers: { ...hook.headers, 'x-telegram-bot-api-secret-token': 'wrong' } }),
  replies(requests: RecordedRequest[], user: string): SeenReply[] {
    return requests
      .filter((r) => r.path.endsWith('/sendMessage') && (r.status ?? 200) < 300 && (r.body as TgBody)?.chat_id === chatId(user))
      .map((r) => r.body as TgBody)
      .map((b) => ({
        text: b.text ?? '',
        ...(b.reply_markup
          ? { options: b.reply_markup.inline_keyboard.flat().map((btn) => ({ id: btn.callback_data, title: btn.text })) }
          : {}),
      }));
  },
};

