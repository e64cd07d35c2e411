import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import type { WebhookRequest } from '../../../engine/types.js';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import type { TelegramConfig } from '../../../adapters/telegram/config.js';
import { telegramCallbackData } from '../../../adapters/telegram/wire.js';
import { signedTelegramUpdate, telegramButtonPressUpdate, telegramWebhookRequest } from '../../support/webhooks/telegram.js';

const config: TelegramConfig = { token: 't', apiUrl: 'https://api.telegram.org' };
const ines = { id: '582043117', name: 'Ines Okafor', locale: 'en' };

function fixture(name: string): WebhookRequest {
  const body = readFileSync(new URL(`../../fixtures/platforms/telegram/${name}.json`, import.meta.url));
  return { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, rawBody: body };
}
const parse = (name: string) => telegramAdapter.parse(fixture(name), config);
const common = { platform: 'telegram', conversation: '582043117', user: ines };

describe('telegramAdapter.parse', () => {
  it('reads a text message with the sender name and language', () => {
    expect(parse('message_text')).toEqual([
      {
        ...common,
        kind: 'text',
        text: 'Do you have a table for two on Friday evening?',
        eventId: '318004501',
        timestamp: 1757940012000,
        raw: expect.objectContaining({ message_id: 1207 }),
      },
    ]);
  });

  it('reads /start with a bot_command entity as a command with its args', () => {
    expect(parse('message_command_start')).toEqual([
      expect.objectContaining({ ...common, kind: 'command', name: 'start', args: 'promo_sep', text: '/start promo_sep', eventId: '318004502' }),
    ]);
  });

  it('drops the @botname suffix of a command', async () => {
    const update = {
      update_id: 1,
      message: {
        message_id: 5,
        chat: { id: -100, type: 'group' },
        from: { id: 9, is_bot: false, first_name: 'Al' },
        date: 1,
        text: '/help@tablekeeper_demo_bot now',
        entities: [{ type: 'bot_command', offset: 0, length: 26 }],
      },
    };
    const [event] = await telegramAdapter.parse(telegramWebhookRequest(signedTelegramUpdate(update)), config);
    expect(event).toMatchObject({ kind: 'command', name: 'help', args: 'now', conversation: '-100', user: { id: '9', name: 'Al' } });
  });

  it('reads a photo as an image with the largest size and the caption', () => {
    expect(parse('message_photo')).toEqual([
      expect.objectContaining({
        ...common,
        kind: 'media',
        mediaType: 'image',
        fileId: 'AgACAgQAAxkBAAIEu2jH0kQ9mZr1Xw7sTnqLb3aV4c0AAp7NMRvQ3kBSx1WmN8aYtKEBAAMCAAN5AAM2BA',
        caption: 'Is this the side entrance you mentioned?',
        eventId: '318004503',
      }),
    ]);
  });

  it('reads a location', () => {
    expect(parse('message_location')).toEqual([
      expect.objectContaining({ ...common, kind: 'location', latitude: 51.507351, longitude: -0.127758, eventId: '318004504' }),
    ]);
  });

  it('reads a shared contact', () => {
    expect(parse('message_contact')).toEqual([
      expect.objectContaining({
        ...common,
        kind: 'contact',
        phone: '447700900123',
        name: 'Ines Okafor',
        contactUserId: '582043117',
        eventId: '318004505',
      }),
    ]);
  });

  it('reads a callback_query as an option press titled by the pressed button', () => {
    expect(parse('callback_query')).toEqual([
      {
        ...common,
        kind: 'option',
        optionId: 'slot:2025-09-19T19:30',
        title: '19:30',
        eventId: '318004506',
        timestamp: 1757940040000,
        platformData: { callbackQueryId: '2499815243857120931' },
        raw: expect.objectContaining({ id: '2499815243857120931' }),
      },
    ]);
  });

  it('reads the bot being blocked (my_chat_member kicked) as unsubscribed', () => {
    expect(parse('my_chat_member_blocked')).toEqual([
      expect.objectContaining({ ...common, kind: 'lifecycle', lifecycle: 'unsubscribed', eventId: '318004507', timestamp: 1757941500000 }),
    ]);
  });

  it('reads a group message with the group as the conversation and the sender as the user', () => {
    expect(parse('message_group_mention')).toEqual([
      expect.objectContaining({
        platform: 'telegram',
        conversation: '-1001987654321',
        user: ines,
        kind: 'text',
        text: '@tablekeeper_demo_bot what time does the kitchen close?',
        eventId: '318004508',
      }),
    ]);
  });

  it('ignores an edited message', () => {
    expect(parse('edited_message')).toEqual([]);
  });

  it('keeps a hashed callback_data and the title when it has no notes to read (the engine matches the title)', () => {
    const data = telegramCallbackData(`booking:${'x'.repeat(80)}`);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    const update = telegramButtonPressUpdate({ id: 1, name: 'Al' }, data, { title: 'Book' });
    const events = telegramAdapter.parse(telegramWebhookRequest(signedTelegramUpdate(update)), config);
    expect(events).toEqual([expect.objectContaining({ kind: 'option', optionId: data, title: 'Book' })]);
  });

  it('throws ParseError on a body that is not JSON', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate('{"update_id": 1,'));
    expect(() => telegramAdapter.parse(req, config)).toThrow(ParseError);
  });

  it('throws ParseError on JSON without an update_id', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate({ message: { text: 'hi' } }));
    expect(() => telegramAdapter.parse(req, config)).toThrow(ParseError);
  });
});
