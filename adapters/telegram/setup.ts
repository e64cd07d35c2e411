/**
 * Telegram's set-up calls, used by `parley webhook set|info telegram`: setWebhook (with the
 * secret token when configured) and getWebhookInfo. Telegram has no bot profile call Parley uses.
 */
import type { PlatformSetup } from '../../engine/types.js';
import { callTelegram } from './client.js';
import type { TelegramConfig } from './config.js';
import type { TgWebhookInfo } from './wire.js';

/** The updates Parley reads; anything else would only be dropped by parse. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** setWebhook and getWebhookInfo. */
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
