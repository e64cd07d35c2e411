import { describe, expect, it } from 'vitest';
import { SendError } from '../../../engine/errors.js';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import type { TelegramConfig } from '../../../adapters/telegram/config.js';
import { jsonPost, useSendHarness } from '../shared/graph-mock.js';

const config: TelegramConfig = { token: '7311902846:AAE-token', apiUrl: 'https://api.telegram.org' };
const BASE = '/bot7311902846:AAE-token';
const CHAT = '582043117';

const t = useSendHarness('https://api.telegram.org', config);

let nextId = 2000;
function ok(method: string, times = 1): void {
  for (let i = 0; i < times; i++) {
    nextId += 1;
    t.api.reply(`${BASE}/${method}`, 200, { ok: true, result: { message_id: nextId, chat: { id: 582043117, type: 'private' }, date: 1 } });
  }
}
const bodies = () => t.api.seen.map((r) => r.body);

describe('telegramAdapter.send', () => {
  it('POSTs sendMessage to /bot<token>/sendMessage as JSON and returns the message id', async () => {
    ok('sendMessage');
    const result = await telegramAdapter.send(CHAT, { kind: 'text', text: 'Hello!' }, t.ctx);
    expect(result).toEqual({ messageIds: [String(nextId)] });
    expect(t.api.seen).toEqual([jsonPost(`${BASE}/sendMessage`, {}, { chat_id: 582043117, text: 'Hello!' })]);
  });

  it('splits a text over 4096 characters on whitespace', async () => {
    ok('sendMessage', 2);
    const text = `${'a'.repeat(4090)} ${'b'.repeat(100)}`;
    const result = await telegramAdapter.send(CHAT, { kind: 'text', text }, t.ctx);
    expect(result.messageIds).toHaveLength(2);
    expect(bodies()).toEqual([
      { chat_id: 582043117, text: 'a'.repeat(4090) },
      { chat_id: 582043117, text: 'b'.repeat(100) },
    ]);
  });

  it('renders options as an inline keyboard, one button per row, callback_data = option id', async () => {
    ok('sendMessage');
    await telegramAdapter.send(
      CHAT,
      { kind: 'options', text: 'Pick a time:', options: [{ id: 'slot:18', title: '18:00' }, { id: 'slot:19', title: '19:30' }] },
      t.ctx,
    );
    expect(bodies()).toEqual([
      {
        chat_id: 582043117,
        text: 'Pick a time:',
        reply_markup: {
          inline_keyboard: [[{ text: '18:00', callback_data: 'slot:18' }], [{ text: '19:30', callback_data: 'slot:19' }]],
        },
      },
    ]);
  });

  it('trims option titles over 64 characters with an ellipsis and hashes ids over 64 bytes', async () => {
    ok('sendMessage');
    const longId = 'é'.repeat(40);
    await telegramAdapter.send(CHAT, { kind: 'options', text: 'Pick', options: [{ id: longId, title: 't'.repeat(70) }] }, t.ctx);
    const button = (bodies()[0] as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup
      .inline_keyboard[0]![0]!;
    expect(button.text).toBe(`${'t'.repeat(63)}…`);
    expect(button.callback_data).toMatch(/^#h:/);
    expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
  });

  it('degrades more than 100 options to a numbered text', async () => {
    ok('sendMessage');
    const options = Array.from({ length: 101 }, (_, i) => ({ id: `o${i + 1}`, title: `Option ${i + 1}` }));
    await telegramAdapter.send(CHAT, { kind: 'options', text: 'Choose', options }, t.ctx);
    const body = bodies()[0] as { text: string; reply_markup?: unknown };
    expect(body.reply_markup).toBeUndefined();
    expect(body.text.startsWith('Choose\n\n1. Option 1\n2. Option 2\n')).toBe(true);
    expect(body.text.endsWith('101. Option 101')).toBe(true);
  });

  it('puts the keyboard on the last part of a long options text', async () => {
    ok('sendMessage', 2);
    await telegramAdapter.send(CHAT, { kind: 'options', text: `${'a'.repeat(4096)} tail`, options: [{ id: 'x', title: 'X' }] }, t.ctx);
    expect(bodies()).toEqual([
      { chat_id: 582043117, text: 'a'.repeat(4096) },
      { chat_id: 582043117, text: 'tail', reply_markup: { inline_keyboard: [[{ text: 'X', callback_data: 'x' }]] } },
    ]);
  });

  it('sends typing as sendChatAction and returns no message ids', async () => {
    t.api.reply(`${BASE}/sendChatAction`, 200, { ok: true, result: true });
    expect(await telegramAdapter.send(CHAT, { kind: 'typing' }, t.ctx)).toEqual({ messageIds: [] });
    expect(bodies()).toEqual([{ chat_id: 582043117, action: 'typing' }]);
  });

  it('sends an image with sendPhoto and a file with sendDocument, with captions', async () => {
    ok('sendPhoto');
    ok('sendDocument');
    await telegramAdapter.send(CHAT, { kind: 'media', mediaType: 'image', url: 'https://x.test/a.jpg', caption: 'Door' }, t.ctx);
    await telegramAdapter.send(CHAT, { kind: 'media', mediaType: 'file', url: 'https://x.test/menu.pdf' }, t.ctx);
    expect(t.api.seen.map((r) => [r.path, r.body])).toEqual([
      [`${BASE}/sendPhoto`, { chat_id: 582043117, photo: 'https://x.test/a.jpg', caption: 'Door' }],
      [`${BASE}/sendDocument`, { chat_id: 582043117, document: 'https://x.test/menu.pdf' }],
    ]);
  });

  it('sends a location with sendLocation', async () => {
    ok('sendLocation');
    await telegramAdapter.send(CHAT, { kind: 'location', latitude: 51.5, longitude: -0.12, name: 'Here' }, t.ctx);
    expect(bodies()).toEqual([{ chat_id: 582043117, latitude: 51.5, longitude: -0.12 }]);
  });

  it('maps a 429 to a retryable SendError waiting retry_after seconds', async () => {
    t.api.reply(`${BASE}/sendMessage`, 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 17',
      parameters: { retry_after: 17 },
    });
    const err = await telegramAdapter.send(CHAT, { kind: 'text', text: 'x' }, t.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 17_000, status: 429, platformCode: 429 });
  });

  it('maps a 5xx to a retryable SendError', async () => {
    t.api.reply(`${BASE}/sendMessage`, 502, '<html>Bad Gateway</html>');
    await expect(telegramAdapter.send(CHAT, { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 502 });
  });

  it('maps a 403 (bot blocked) to a non-retryable SendError without the token in its message', async () => {
    t.api.reply(`${BASE}/sendMessage`, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const err = (await telegramAdapter.send(CHAT, { kind: 'text', text: 'x' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, status: 403, platformCode: 403 });
    expect(err.message).toContain('bot was blocked by the user');
    expect(err.message).not.toContain('AAE-token');
  });

  it('maps a network failure to a retryable SendError', async () => {
    t.api.replyWithNetworkError(`${BASE}/sendMessage`);
    await expect(telegramAdapter.send(CHAT, { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ retryable: true });
  });
});

describe('telegramAdapter.acknowledge', () => {
  it('answers the callback query of an option press', async () => {
    t.api.reply(`${BASE}/answerCallbackQuery`, 200, { ok: true, result: true });
    await telegramAdapter.acknowledge!(
      {
        platform: 'telegram',
        conversation: CHAT,
        user: { id: CHAT },
        eventId: '1',
        timestamp: 0,
        kind: 'option',
        optionId: 'x',
        platformData: { callbackQueryId: '2499815243857120931' },
      },
      t.ctx,
    );
    expect(bodies()).toEqual([{ callback_query_id: '2499815243857120931' }]);
  });

  it('sends nothing for a text event', async () => {
    await telegramAdapter.acknowledge!(
      { platform: 'telegram', conversation: CHAT, user: { id: CHAT }, eventId: '1', timestamp: 0, kind: 'text', text: 'hi' },
      t.ctx,
    );
    expect(t.api.seen).toEqual([]);
  });
});
