/**
 * WhatsApp Cloud API configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { GRAPH_DEFAULT_API_URL } from '../shared/graph-api.js';
import { baseUrl, readEnv } from '../shared/read-env.js';
import { metaSecretsEnv, metaSecretsFrom, type MetaSecrets } from '../shared/verify-meta-request.js';

/** What the WhatsApp adapter needs to verify webhooks and send. */
export interface WhatsappConfig extends MetaSecrets {
  /** System-user or temporary access token: `Authorization: Bearer <token>`. */
  token: string;
  /** The business phone number's id: sends go to `/<id>/messages`. */
  phoneNumberId: string;
  /** Graph base URL including the version, without a trailing slash. */
  apiUrl: string;
}

/** The variables WhatsApp reads; the four required ones turn it on. */
export const WHATSAPP_ENV: EnvVarSpec[] = [
  { name: 'WHATSAPP_TOKEN', required: true, secret: true, description: 'System-user (or temporary) access token for the Cloud API.' },
  ...metaSecretsEnv('WHATSAPP'),
  { name: 'WHATSAPP_PHONE_NUMBER_ID', required: true, description: 'The business phone number id messages are sent from.' },
  { name: 'WHATSAPP_API_URL', required: false, default: GRAPH_DEFAULT_API_URL, description: 'Graph base URL with the version (a stand-in for tests).' },
];

/** Reads WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_PHONE_NUMBER_ID (required) and WHATSAPP_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<WhatsappConfig> {
  const { values: v, missing } = readEnv(WHATSAPP_ENV, env);
  if (missing.length > 0) return { missing };
  return { missing, config: { token: v.WHATSAPP_TOKEN!, ...metaSecretsFrom(v, 'WHATSAPP'), phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID!, apiUrl: baseUrl(v.WHATSAPP_API_URL!) } };
}
