/**
 * Viber configuration from the environment.
 */
import type { AdapterConfigResult } from '../../engine/types.js';

/** What the Viber adapter needs to verify callbacks and send. */
export interface ViberConfig {
  /** The bot's auth token: the `X-Viber-Auth-Token` header and the key of callback signatures. */
  authToken: string;
  /** Shown as the sender of every message (Viber requires it; at most 28 characters). */
  botName: string;
  botAvatar?: string;
  /** API base URL without a trailing slash; sends go to `${apiUrl}/send_message`. */
  apiUrl: string;
}

/** The real Viber REST Bot API. */
export const VIBER_DEFAULT_API_URL = 'https://chatapi.viber.com/pa';

/** Reads VIBER_AUTH_TOKEN (required), VIBER_BOT_NAME (default "Parley"), VIBER_BOT_AVATAR and VIBER_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<ViberConfig> {
  if (!env.VIBER_AUTH_TOKEN) return { missing: ['VIBER_AUTH_TOKEN'] };
  return {
    missing: [],
    config: {
      authToken: env.VIBER_AUTH_TOKEN,
      botName: env.VIBER_BOT_NAME || 'Parley',
      ...(env.VIBER_BOT_AVATAR ? { botAvatar: env.VIBER_BOT_AVATAR } : {}),
      apiUrl: (env.VIBER_API_URL || VIBER_DEFAULT_API_URL).replace(/\/+$/, ''),
    },
  };
}
