/**
 * Messenger configuration from the environment.
 */
import type { AdapterConfigResult } from '../../engine/types.js';

/** What the Messenger adapter needs to verify webhooks and send. */
export interface MessengerConfig {
  /** Page access token: `Authorization: Bearer <token>`. */
  pageToken: string;
  /** App Secret: the key of X-Hub-Signature-256. */
  appSecret: string;
  /** The verify token typed into the App Dashboard for the GET handshake. */
  verifyToken: string;
  /** Graph base URL including the version, without a trailing slash. */
  apiUrl: string;
}

/** The real Graph API, pinned so a Graph upgrade is a deliberate change. */
export const MESSENGER_DEFAULT_API_URL = 'https://graph.facebook.com/v21.0';

/** Reads MESSENGER_PAGE_TOKEN, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN (required) and MESSENGER_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<MessengerConfig> {
  const required = ['MESSENGER_PAGE_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) return { missing };
  return {
    missing: [],
    config: {
      pageToken: env.MESSENGER_PAGE_TOKEN!,
      appSecret: env.MESSENGER_APP_SECRET!,
      verifyToken: env.MESSENGER_VERIFY_TOKEN!,
      apiUrl: (env.MESSENGER_API_URL || MESSENGER_DEFAULT_API_URL).replace(/\/+$/, ''),
    },
  };
}
