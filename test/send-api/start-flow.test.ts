/**
 * Starting a flow by API and continuing it by webhook: the API opens the club menu for a
 * Telegram user, the user answers through Telegram, and the task reports "sent".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { RecordedRequest } from '../support/stand-ins/recording-server.js';
import { signedTelegramUpdate, telegramButtonPressUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';
import { expectedSignature } from './callback-receiver.js';
import {
  CALLBACK_SECRET,
  TG_SECRET,
  startSendApiServer,
  type SendApiServer,
} from './send-api-harness.js';

interface TgSend {
  chat_id: number;
  text: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

/** What a Telegram user sees: texts and button titles, in order. */
function seenBy(requests: RecordedRequest[], chatId: number): { text: string; buttons?: string[] }[] {
  return requests
    .filter((r) => r.path.endsWith('/sendMessage') && (r.body as TgSend).chat_id === chatId)
    .map((r) => r.body as TgSend)
    .map((b) => ({ text: b.text, ...(b.reply_markup ? { buttons: b.reply_markup.inline_keyboard.flat().map((k) => k.text) } : {}) }));
}

describe('POST /api/v1/messages with a flow (real HTTP)', () => {
  let t: SendApiServer;
  beforeAll(async () => {
    t = await startSendApiServer();
  });
  afterAll(async () => t?.stop());

  const webhook = async (update: unknown) => {
    const hook = signedTelegramUpdate(update, TG_SECRET);
    const res = await request(`${t.parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
  };

  /** Starts club-menu for `chatId` and waits for the menu and the task's callback. */
  const openMenu = async (chatId: number) => {
    const accepted = await t.api.send({ platform: 'telegram', to: String(chatId), flow: 'club-menu', callback_url: `${t.receiver.url}/cb` });
    expect(accepted.status).toBe(202);
    const taskId = accepted.json.task_id as string;
    await t.apis.telegram.waitFor((reqs) => seenBy(reqs, chatId).length >= 2);
    await t.receiver.waitFor(() => t.receiver.accepted(taskId).length > 0);
    return { taskId, callback: t.receiver.accepted(taskId)[0]! };
  };

  it('sends "Hola!" and the menu as buttons, then reports the task sent with both message ids', async () => {
    const chatId = 61_000_001;
    const { taskId, callback } = await openMenu(chatId);
    expect(seenBy(t.apis.telegram.requests, chatId)).toEqual([
      { text: 'Hola!' },
      { text: 'Por favor elije una opción:', buttons: ['Pileta', 'Tenis', 'SUM'] },
    ]);
    expect(callback.headers['x-parley-signature']).toBe(expectedSignature(callback.rawBody, CALLBACK_SECRET));
    expect(callback.body).toEqual({
      task_id: taskId,
      status: 'sent',
      platform: 'telegram',
      to: String(chatId),
      message_ids: [expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)],
    });
    expect((await t.api.task(taskId)).json).toEqual(callback.body);
  });

  it('continues the started flow when the user presses Tenis', async () => {
    const chatId = 61_000_002;
    await openMenu(chatId);
    await webhook(telegramButtonPressUpdate({ id: chatId, name: 'Ana Paz' }, 'tennis', { title: 'Tenis' }));
    await t.apis.telegram.waitFor((reqs) => seenBy(reqs, chatId).length >= 3);
    expect(seenBy(t.apis.telegram.requests, chatId)[2]).toEqual({ text: 'Elegiste Tenis. Las canchas se reservan de 8 a 22 h.' });
  });

  it('continues the started flow when the user types "2"', async () => {
    const chatId = 61_000_003;
    await openMenu(chatId);
    await webhook(telegramTextUpdate({ id: chatId, name: 'Ana Paz' }, '2'));
    await t.apis.telegram.waitFor((reqs) => seenBy(reqs, chatId).length >= 3);
    expect(seenBy(t.apis.telegram.requests, chatId).map((m) => m.text)).toEqual([
      'Hola!',
      'Por favor elije una opción:',
      'Elegiste Tenis. Las canchas se reservan de 8 a 22 h.',
    ]);
  });

  it('sends a text and then starts the flow when both are given', async () => {
    const chatId = 61_000_004;
    const accepted = await t.api.send({ platform: 'telegram', to: String(chatId), text: 'Novedades del club', flow: 'club-menu' });
    expect(accepted.status).toBe(202);
    await t.apis.telegram.waitFor((reqs) => seenBy(reqs, chatId).length >= 3);
    expect(seenBy(t.apis.telegram.requests, chatId).map((m) => m.text)).toEqual(['Novedades del club', 'Hola!', 'Por favor elije una opción:']);
    const taskId = accepted.json.task_id as string;
    await expect.poll(async () => (await t.api.task(taskId)).json.status).toBe('sent');
  });
});
