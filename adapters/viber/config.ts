/**
 * Viber configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { baseUrl, readEnv } from '../shared/read-env.js';

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

/** The variables Viber reads. */
export const VIBER_ENV: EnvVarSpec[] = [
  { name: 'VIBER_AUTH_TOKEN', required: true, secret: true, description: 'Bot auth token (signs callbacks, authorises sends); turns Viber on.' },
  { name: 'VIBER_BOT_NAME', required: false, default: 'Parley', description: 'Sender name shown on every message (at most 28 characters).' },
  { name: 'VIBER_BOT_AVATAR', required: false, description: 'URL of the sender avatar shown on every message.' },
  { name: 'VIBER_API_URL', required: false, default: 'https://chatapi.viber.com/pa', description: 'REST Bot API base URL (a stand-in for tests).' },
];

/** Reads VIBER_AUTH_TOKEN (required), VIBER_BOT_NAME (default "Parley"), VIBER_BOT_AVATAR and VIBER_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<ViberConfig> {
  const { values: v, missing } = readEnv(VIBER_ENV, env);
  if (missing.length > 0) return { missing };
  const avatar = v.VIBER_BOT_AVATAR ? { botAvatar: v.VIBER_BOT_AVATAR } : {};
  return { missing, config: { authToken: v.VIBER_AUTH_TOKEN!, botName: v.VIBER_BOT_NAME!, ...avatar, apiUrl: baseUrl(v.VIBER_API_URL!) } };
}
