/**
 * The example bots over real HTTP: the Parley server with examples/<bot> as its flows, the
 * Telegram stand-in, and updates as Telegram POSTs them. The server's clock starts at a
 * fixed Tuesday (1 December 2026, 09:00 in Madrid) and runs on from there, so "next friday"
 * always means the same day.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { silentLogger } from '../../engine/runtime/logger.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { playTexts, scripts, type TextPlayer } from '../support/play-script.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { signedTelegramUpdate, telegramButtonPressUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';
import { TG_SECRET, TG_TOKEN, telegramDriver } from './drivers/telegram-driver.js';

const FIXED = Date.parse('2026-12-01T08:00:00Z');

interface TgSend {
  chat_id: number;
  text: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

/** Runs one example bot behind a real server; `say` posts a text and returns the new replies. */
function exampleServer(name: string) {
  const state: { api?: TelegramApi; parley?: TestParley } = {};
  beforeAll(async () => {
    state.api = await startTelegramApi({ token: TG_TOKEN });
    const start = Date.now();
    state.parley = await startTestParley(
      { ...telegramDriver.env(state.api.url), PARLEY_FLOWS: join(import.meta.dirname, '..', '..', 'examples', name) },
      silentLogger,
      undefined,
      () => FIXED + (Date.now() - start),
    );
  });
  afterAll(async () => {
    await state.parley?.stop();
    await state.api?.close();
  });
  const sent = (chat: number) => state.api!.requests
    .filter((r) => r.path.endsWith('/sendMessage') && (r.body as TgSend).chat_id === chat)
    .map((r) => r.body as TgSend);
  async function post(update: unknown, chat: number, replies: number): Promise<TgSend[]> {
    const before = sent(chat).length;
    const hook = signedTelegramUpdate(update, TG_SECRET);
    const res = await request(`${state.parley!.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    await state.api!.waitFor(() => sent(chat).length >= before + replies, 15_000);
    return sent(chat).slice(before);
  }
  const user = (chat: number, languageCode: string) => ({ id: chat, name: 'Tg User', languageCode });
  return {
    say: async (chat: number, lang: string, text: string, replies = 1) => (await post(telegramTextUpdate(user(chat, lang), text), chat, replies)).map((m) => m.text),
    press: async (chat: number, lang: string, id: string, title: string, replies = 1) => (await post(telegramButtonPressUpdate(user(chat, lang), id, { title }), chat, replies)).map((m) => m.text),
    raw: async (chat: number, lang: string, text: string, replies = 1) => post(telegramTextUpdate(user(chat, lang), text), chat, replies),
  };
}

const SCRIPTS = scripts('examples-e2e/scripts');
/** One chat with a bot of {@link exampleServer}, as a script player. */
const chatWith = (bot: ReturnType<typeof exampleServer>, chat: number, lang: string): TextPlayer => ({
  say: (text, replies) => bot.say(chat, lang, text, replies),
  press: (id, title, replies) => bot.press(chat, lang, id, title, replies),
});

describe('examples/flight-booking over Telegram (real HTTP)', () => {
  const bot = exampleServer('flight-booking');

  it('books in Spanish for a Spanish Telegram user: cities as buttons, dates, number words, multi-select', async () => {
    const chat = 73_000_001;
    const [menu] = await bot.raw(chat, 'es', 'quiero reservar un vuelo');
    expect(menu.text).toBe('¿A dónde quieres viajar?');
    expect(menu.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['Madrid', 'Barcelona', 'Paris', 'Berlin', 'New York']);
    await playTexts(chatWith(bot, chat, 'es'), SCRIPTS['books in Spanish for a Spanish Telegram user: cities as buttons, dates, number words, multi-select']);
  });
});

describe('examples/money-transfer over Telegram (real HTTP)', () => {
  const bot = exampleServer('money-transfer');

  it.each([
    ['transfers with a correction and a balance digression', 73_000_002],
    ['cancels a transfer from its amount question', 73_000_004],
  ])('%s', async (name, chat) => {
    await playTexts(chatWith(bot, chat, 'en'), SCRIPTS[name]);
  });
});

describe('examples/todo-list over Telegram (real HTTP)', () => {
  const bot = exampleServer('todo-list');

  it('keeps a list across messages and ticks off from a menu built from it', async () => {
    const chat = 73_000_003;
    await playTexts(chatWith(bot, chat, 'en'), SCRIPTS['keeps a list across messages and ticks off from a menu built from it']);
    const [menu] = await bot.raw(chat, 'en', 'done');
    expect(menu.reply_markup!.inline_keyboard.flat().map((b) => [b.callback_data, b.text])).toEqual([['buy milk', 'buy milk'], ['call mum', 'call mum'], ['none', 'None']]);
    await playTexts(chatWith(bot, chat, 'en'), SCRIPTS['keeps a list across messages and ticks off from a menu built from it (2)']);
  });
});
