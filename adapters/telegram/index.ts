/**
 * The Telegram Bot API adapter: secret-token webhooks in, Bot API calls out, and the webhook
 * set-up calls used by `parley webhook set|info telegram`.
 */
import type { PlatformAdapter, PlatformSetup } from '../../engine/types.js';
import { configFromEnv, type TelegramConfig } from './config.js';
import { parseTelegramRequest, TELEGRAM_PLATFORM } from './parse.js';
import { acknowledgeTelegramEvent, callTelegram, sendTelegramMessage, TELEGRAM_LIMITS } from './send.js';
import { verifyTelegramRequest } from './verify.js';
import type { TgWebhookInfo } from './wire.js';

export type { TelegramConfig } from './config.js';

/** The updates Parley reads; anything else would only be dropped by parse. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** setWebhook (with the secret token when configured) and getWebhookInfo. */
export const telegramSetup: PlatformSetup<TelegramConfig> = {
  async setWebhook(url, ctx) {
    await callTelegram<true>(ctx.http, ctx.config, 'setWebhook', {
      url,
      allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
      ...(ctx.config.webhookSecret ? { secret_token: ctx.config.webhookSecret } : {}),
    });
    const secured = ctx.config.webhookSecret ? 'with the secret token' : 'WITHOUT a secret token (set TELEGRAM_WEBHOOK_SECRET)';
    return `Telegram will POST updates to ${url} ${secured}.`;
  },
  async webhookInfo(ctx) {
    const info = await callTelegram<TgWebhookInfo>(ctx.http, ctx.config, 'getWebhookInfo', {});
    if (!info.url) return 'Telegram has no webhook set for this bot.';
    const lines = [`url: ${info.url}`, `pending updates: ${info.pending_update_count}`];
    if (info.last_error_message) {
      const when = info.last_error_date ? new Date(info.last_error_date * 1000).toISOString() : 'unknown time';
      lines.push(`last error: ${info.last_error_message} (${when})`);
    }
    return lines.join('\n');
  },
};

/** The Telegram adapter value for the registry. */
export const telegramAdapter: PlatformAdapter<TelegramConfig> = {
  id: TELEGRAM_PLATFORM,
  limits: {
    text: TELEGRAM_LIMITS.text,
    buttons: TELEGRAM_LIMITS.buttons,
    optionTitle: TELEGRAM_LIMITS.optionTitle,
    options: TELEGRAM_LIMITS.buttons,
  },
  configFromEnv,
  verify: (req, config) => verifyTelegramRequest(req, config),
  parse: (req, _config, skip) => parseTelegramRequest(req, skip),
  send: sendTelegramMessage,
  acknowledge: acknowledgeTelegramEvent,
  setup: telegramSetup,
};
