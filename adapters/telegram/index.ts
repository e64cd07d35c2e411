/**
 * The Telegram Bot API adapter: secret-token webhooks in, Bot API calls out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, TELEGRAM_ENV, type TelegramConfig } from './config.js';
import { parseTelegramRequest, TELEGRAM_PLATFORM } from './parse.js';
import { acknowledgeTelegramEvent, sendTelegramMessage, TELEGRAM_LIMITS } from './send.js';
import { telegramSetup } from './setup.js';
import { verifyTelegramRequest } from './verify.js';

/** The Telegram adapter value for the registry. */
export const telegramAdapter = {
  id: TELEGRAM_PLATFORM,
  limits: TELEGRAM_LIMITS,
  env: TELEGRAM_ENV,
  configFromEnv,
  verify: verifyTelegramRequest,
  parse: parseTelegramRequest,
  send: sendTelegramMessage,
  acknowledge: acknowledgeTelegramEvent,
  setup: telegramSetup,
} satisfies PlatformAdapter<TelegramConfig>;
