import { describe, expect, it } from 'vitest';
import { telegramAdapter } from '../../../adapters/telegram/index.js';
import { configFromEnv, type TelegramConfig } from '../../../adapters/telegram/config.js';
import { signedTelegramUpdate, telegramTextUpdate, telegramWebhookRequest } from '../../support/webhooks/telegram.js';

const config: TelegramConfig = { token: '7311902846:AAE-token', webhookSecret: 'tK_9f2-LmQ4xZ', apiUrl: 'https://api.telegram.org' };
const update = telegramTextUpdate({ id: 582043117, name: 'Ines Okafor' }, 'hi');

describe('telegramAdapter.verify', () => {
  it('accepts an update carrying the configured secret token', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate(update, 'tK_9f2-LmQ4xZ'));
    expect(telegramAdapter.verify(req, config)).toEqual({ kind: 'accept' });
  });

  it('rejects a wrong secret token with 401', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate(update, 'tK_9f2-LmQ4xY'));
    expect(telegramAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('rejects a secret that only shares a prefix with the configured one', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate(update, 'tK_9f2'));
    expect(telegramAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('rejects a missing secret header with 401 when a secret is configured', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate(update));
    expect(telegramAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('accepts any update when no secret is configured', () => {
    const req = telegramWebhookRequest(signedTelegramUpdate(update));
    expect(telegramAdapter.verify(req, { ...config, webhookSecret: undefined })).toEqual({ kind: 'accept' });
  });
});

describe('telegramAdapter.configFromEnv', () => {
  it('lists TELEGRAM_BOT_TOKEN as missing when it is not set', () => {
    expect(configFromEnv({})).toEqual({ missing: ['TELEGRAM_BOT_TOKEN'] });
  });

  it('defaults the API URL to api.telegram.org and reads the optional secret', () => {
    expect(configFromEnv({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_WEBHOOK_SECRET: 's' })).toEqual({
      missing: [],
      config: { token: 't', webhookSecret: 's', apiUrl: 'https://api.telegram.org' },
    });
  });

  it('takes TELEGRAM_API_URL without its trailing slash', () => {
    expect(configFromEnv({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_API_URL: 'http://127.0.0.1:9000/' }).config?.apiUrl).toBe(
      'http://127.0.0.1:9000',
    );
  });
});
