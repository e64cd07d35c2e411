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

describe('examples/flight-booking over Telegram (real HTTP)', () => {
  const bot = exampleServer('flight-booking');

  it('books in Spanish for a Spanish Telegram user: cities as buttons, dates, number words, multi-select', async () => {
    const chat = 73_000_001;
    const [menu] = await bot.raw(chat, 'es', 'quiero reservar un vuelo');
    expect(menu.text).toBe('¿A dónde quieres viajar?');
    expect(menu.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['Madrid', 'Barcelona', 'Paris', 'Berlin', 'New York']);
    expect(await bot.press(chat, 'es', 'BER', 'Berlin')).toEqual(['¿Desde dónde sales?']);
    expect(await bot.say(chat, 'es', 'barce')).toEqual(['¿Cuándo quieres salir? (p. ej. el viernes a las 9)']);
    expect(await bot.say(chat, 'es', 'el viernes que viene a las 5pm')).toEqual(['¿Solo ida o ida y vuelta?']);
    expect(await bot.say(chat, 'es', 'ida y vuelta')).toEqual(['¿Qué día vuelves?']);
    expect(await bot.say(chat, 'es', '7/12')).toEqual(['¿Cuántos viajeros?']);
    expect(await bot.say(chat, 'es', 'dos')).toEqual(['¿Algún extra? Envía los números, p. ej. 1, 3\n1. Maleta facturada\n2. Elegir asiento\n3. Comida\n4. Sin extras']);
    expect(await bot.say(chat, 'es', '2 y 3')).toEqual(['2 × Barcelona → Berlin, viernes 4 diciembre, 17:00, vuelta el lunes 7 diciembre (3 noches). Extras: seat, meal. ¿Lo reservo?']);
    expect(await bot.say(chat, 'es', 'vale')).toEqual(['¡Reservado! Tu referencia es BCNBER-0412. Buen viaje.']);
  });
});

describe('examples/money-transfer over Telegram (real HTTP)', () => {
  const bot = exampleServer('money-transfer');

  it('transfers with a correction and a balance digression', async () => {
    const chat = 73_000_002;
    await bot.say(chat, 'en', 'hi');
    expect(await bot.say(chat, 'en', 'send money to carla')).toEqual(['How much do you want to send to Carla Mendes?']);
    expect(await bot.say(chat, 'en', '1,000')).toEqual(['Send $1,000.00 to Carla Mendes?']);
    expect(await bot.say(chat, 'en', 'no wait, make it 250', 2)).toEqual(['Changed the amount to $250.00.', 'Send $250.00 to Carla Mendes?']);
    expect(await bot.say(chat, 'en', 'how much do i have?', 2)).toEqual(['Your balance is $1,000.00.', 'Send $250.00 to Carla Mendes?']);
    expect(await bot.press(chat, 'en', 'yes', 'Yes, send it')).toEqual(['Done: $250.00 sent to Carla Mendes. Your balance is $750.00.']);
  });

  it('cancels a transfer from its amount question', async () => {
    const chat = 73_000_004;
    await bot.say(chat, 'en', 'hi');
    await bot.say(chat, 'en', 'pay bob');
    expect(await bot.say(chat, 'en', 'cancel')).toEqual(['Okay, I cancelled the transfer. No money was sent.']);
    expect(await bot.say(chat, 'en', 'balance')).toEqual(['Your balance is $1,000.00.']);
  });
});

describe('examples/todo-list over Telegram (real HTTP)', () => {
  const bot = exampleServer('todo-list');

  it('keeps a list across messages and ticks off from a menu built from it', async () => {
    const chat = 73_000_003;
    expect(await bot.say(chat, 'en', 'add buy milk')).toEqual(['Added “buy milk”. You have 1 thing to do.']);
    expect(await bot.say(chat, 'en', 'add call mum')).toEqual(['Added “call mum”. You have 2 things to do.']);
    const [menu] = await bot.raw(chat, 'en', 'done');
    expect(menu.reply_markup!.inline_keyboard.flat().map((b) => [b.callback_data, b.text])).toEqual([['buy milk', 'buy milk'], ['call mum', 'call mum'], ['none', 'None']]);
    expect(await bot.press(chat, 'en', 'call mum', 'call mum')).toEqual(['Ticked off “call mum”. 1 left.']);
    expect(await bot.say(chat, 'en', '/list')).toEqual(['To do:\n1. buy milk']);
  });
});
