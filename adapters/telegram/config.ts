/**
 * Telegram configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { baseUrl, readEnv } from '../shared/read-env.js';

/** What the Telegram adapter needs to verify webhooks and call the Bot API. */
export interface TelegramConfig {
  /** The bot token from @BotFather; it is part of every Bot API URL, so it never reaches logs. */
  token: string;
  /** The `secret_token` given to setWebhook; when unset, webhooks are accepted unauthenticated. */
  webhookSecret?: string;
  /** Bot API base URL without a trailing slash; requests go to `${apiUrl}/bot<token>/<method>`. */
  apiUrl: string;
}

/** The variables Telegram reads. */
export const TELEGRAM_ENV: EnvVarSpec[] = [
  { name: 'TELEGRAM_BOT_TOKEN', required: true, secret: true, description: 'Bot token from @BotFather; turns Telegram on.' },
  {
    name: 'TELEGRAM_WEBHOOK_SECRET',
    required: false,
    secret: true,
    description: 'secret_token for setWebhook; updates without it are refused (unset: accepted, with a warning).',
  },
  { name: 'TELEGRAM_API_URL', required: false, default: 'https://api.telegram.org', description: 'Bot API base URL (a local Bot API server, a stand-in).' },
];

/** Reads TELEGRAM_BOT_TOKEN (required), TELEGRAM_WEBHOOK_SECRET and TELEGRAM_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<TelegramConfig> {
  const { values: v, missing } = readEnv(TELEGRAM_ENV, env);
  if (missing.length > 0) return { missing };
  return { missing, config: { token: v.TELEGRAM_BOT_TOKEN!, webhookSecret: v.TELEGRAM_WEBHOOK_SECRET, apiUrl: baseUrl(v.TELEGRAM_API_URL!) } };
}
