/**
 * Messenger configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { baseUrl, readEnv } from '../shared/read-env.js';

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

/** The variables Messenger reads; the three required ones turn it on. */
export const MESSENGER_ENV: EnvVarSpec[] = [
  { name: 'MESSENGER_PAGE_TOKEN', required: true, secret: true, description: 'Page access token for the Send API.' },
  { name: 'MESSENGER_APP_SECRET', required: true, secret: true, description: 'App Secret: the key of X-Hub-Signature-256.' },
  { name: 'MESSENGER_VERIFY_TOKEN', required: true, secret: true, description: 'Verify token typed into the App Dashboard for the GET handshake.' },
  { name: 'MESSENGER_API_URL', required: false, default: MESSENGER_DEFAULT_API_URL, description: 'Graph base URL with the version (a stand-in for tests).' },
];

/** Reads MESSENGER_PAGE_TOKEN, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN (required) and MESSENGER_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<MessengerConfig> {
  const { values: v, missing } = readEnv(MESSENGER_ENV, env);
  if (missing.length > 0) return { missing };
  const apiUrl = baseUrl(v.MESSENGER_API_URL!);
  return { missing, config: { pageToken: v.MESSENGER_PAGE_TOKEN!, appSecret: v.MESSENGER_APP_SECRET!, verifyToken: v.MESSENGER_VERIFY_TOKEN!, apiUrl } };
}
