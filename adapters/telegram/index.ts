/**
 * The Telegram Bot API adapter: secret-token webhooks in, Bot API calls out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, type TelegramConfig } from './config.js';
import { parseTelegramRequest, TELEGRAM_PLATFORM } from './parse.js';
import { acknowledgeTelegramEvent, sendTelegramMessage, TELEGRAM_LIMITS } from './send.js';
import { telegramSetup } from './setup.js';
import { verifyTelegramRequest } from './verify.js';

export type { TelegramConfig } from './config.js';

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
  parse: (req) => parseTelegramRequest(req),
  send: sendTelegramMessage,
  acknowledge: acknowledgeTelegramEvent,
  setup: telegramSetup,
};
