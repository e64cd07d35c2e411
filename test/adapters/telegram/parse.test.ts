import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import type { TelegramConfig } from '../../../adapters/telegram/config.js';
import { telegramCallbackData } from '../../../adapters/telegram/wire.js';
import { signedTelegramUpdate, telegramButtonPressUpdate, telegramWebhookRequest } from '../../support/webhooks/telegram.js';
import { itParsesFixtures } from '../shared/parse-cases.js';

const config: TelegramConfig = { token: 't', apiUrl: 'https://api.telegram.org' };

describe('telegramAdapter.parse', () => {
  itParsesFixtures('telegram', (req) => telegramAdapter.parse(req, config));

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
