/**
 * Messenger configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { GRAPH_DEFAULT_API_URL } from '../shared/graph-api.js';
import { baseUrl, readEnv } from '../shared/read-env.js';
import { metaSecretsEnv, metaSecretsFrom, type MetaSecrets } from '../shared/verify-meta-request.js';

/** What the Messenger adapter needs to verify webhooks and send. */
export interface MessengerConfig extends MetaSecrets {
  /** Page access token: `Authorization: Bearer <token>`. */
  pageToken: string;
  /** Graph base URL including the version, without a trailing slash. */
  apiUrl: string;
}

/** The variables Messenger reads; the three required ones turn it on. */
export const MESSENGER_ENV: EnvVarSpec[] = [
  { name: 'MESSENGER_PAGE_TOKEN', required: true, secret: true, description: 'Page access token for the Send API.' },
  ...metaSecretsEnv('MESSENGER'),
  { name: 'MESSENGER_API_URL', required: false, default: GRAPH_DEFAULT_API_URL, description: 'Graph base URL with the version (a stand-in for tests).' },
];

/** Reads MESSENGER_PAGE_TOKEN, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN (required) and MESSENGER_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<MessengerConfig> {
  const { values: v, missing } = readEnv(MESSENGER_ENV, env);
  if (missing.length > 0) return { missing };
  return { missing, config: { pageToken: v.MESSENGER_PAGE_TOKEN!, ...metaSecretsFrom(v, 'MESSENGER'), apiUrl: baseUrl(v.MESSENGER_API_URL!) } };
}
