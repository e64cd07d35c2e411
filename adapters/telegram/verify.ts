/**
 * Telegram webhook authentication: the `X-Telegram-Bot-Api-Secret-Token` header must equal
 * the `secret_token` given to setWebhook. It is a shared secret, not a signature of the body.
 */
import { safeEqual } from '../../engine/runtime/safe-equal.js';
import type { VerifyResult, WebhookRequest } from '../../engine/types.js';
import type { TelegramConfig } from './config.js';

/** The header Telegram sends (lower-cased, as WebhookRequest headers are). */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Accepts the request when no secret is configured (the server warns about that) or when
 * the header matches; a missing or wrong header is rejected with 401, as grammY does.
 */
export function verifyTelegramRequest(req: WebhookRequest, config: TelegramConfig): VerifyResult {
  if (config.webhookSecret === undefined || config.webhookSecret === '') return { kind: 'accept' };
  const received = req.headers[TELEGRAM_SECRET_HEADER];
  if (received === undefined || received === '') {
    return { kind: 'reject', status: 401, reason: 'missing X-Telegram-Bot-Api-Secret-Token header' };
  }
  if (!safeEqual(received, config.webhookSecret)) {
    return { kind: 'reject', status: 401, reason: 'X-Telegram-Bot-Api-Secret-Token does not match TELEGRAM_WEBHOOK_SECRET' };
  }
  return { kind: 'accept' };
}
