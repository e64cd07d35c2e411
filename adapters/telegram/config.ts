/**
 * Telegram configuration from the environment.
 */
import type { AdapterConfigResult } from '../../engine/types.js';

/** What the Telegram adapter needs to verify webhooks and call the Bot API. */
export interface TelegramConfig {
  /** The bot token from @BotFather; it is part of every Bot API URL, so it never reaches logs. */
  token: string;
  /** The `secret_token` given to setWebhook; when unset, webhooks are accepted unauthenticated. */
  webhookSecret?: string;
  /** Bot API base URL without a trailing slash; requests go to `${apiUrl}/bot<token>/<method>`. */
  apiUrl: string;
}

/** The real Bot API. */
export const TELEGRAM_DEFAULT_API_URL = 'https://api.telegram.org';

/** Reads TELEGRAM_BOT_TOKEN (required), TELEGRAM_WEBHOOK_SECRET and TELEGRAM_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<TelegramConfig> {
  if (!env.TELEGRAM_BOT_TOKEN) return { missing: ['TELEGRAM_BOT_TOKEN'] };
  return {
    missing: [],
    config: {
      token: env.TELEGRAM_BOT_TOKEN,
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET || undefined,
      apiUrl: (env.TELEGRAM_API_URL || TELEGRAM_DEFAULT_API_URL).replace(/\/+$/, ''),
    },
  };
}
