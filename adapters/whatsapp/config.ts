/**
 * WhatsApp Cloud API configuration from the environment.
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { baseUrl, readEnv } from '../shared/read-env.js';

/** What the WhatsApp adapter needs to verify webhooks and send. */
export interface WhatsappConfig {
  /** System-user or temporary access token: `Authorization: Bearer <token>`. */
  token: string;
  /** App Secret: the key of X-Hub-Signature-256. */
  appSecret: string;
  /** The verify token typed into the App Dashboard for the GET handshake. */
  verifyToken: string;
  /** The business phone number's id: sends go to `/<id>/messages`. */
  phoneNumberId: string;
  /** Graph base URL including the version, without a trailing slash. */
  apiUrl: string;
}

/** The real Graph API, pinned so a Graph upgrade is a deliberate change. */
export const WHATSAPP_DEFAULT_API_URL = 'https://graph.facebook.com/v21.0';

/** The variables WhatsApp reads; the four required ones turn it on. */
export const WHATSAPP_ENV: EnvVarSpec[] = [
  { name: 'WHATSAPP_TOKEN', required: true, secret: true, description: 'System-user (or temporary) access token for the Cloud API.' },
  { name: 'WHATSAPP_APP_SECRET', required: true, secret: true, description: 'App Secret: the key of X-Hub-Signature-256.' },
  { name: 'WHATSAPP_VERIFY_TOKEN', required: true, secret: true, description: 'Verify token typed into the App Dashboard for the GET handshake.' },
  { name: 'WHATSAPP_PHONE_NUMBER_ID', required: true, description: 'The business phone number id messages are sent from.' },
  { name: 'WHATSAPP_API_URL', required: false, default: WHATSAPP_DEFAULT_API_URL, description: 'Graph base URL with the version (a stand-in for tests).' },
];

/** Reads WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_PHONE_NUMBER_ID (required) and WHATSAPP_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<WhatsappConfig> {
  const { values: v, missing } = readEnv(WHATSAPP_ENV, env);
  if (missing.length > 0) return { missing };
  const secrets = { token: v.WHATSAPP_TOKEN!, appSecret: v.WHATSAPP_APP_SECRET!, verifyToken: v.WHATSAPP_VERIFY_TOKEN! };
  return { missing, config: { ...secrets, phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID!, apiUrl: baseUrl(v.WHATSAPP_API_URL!) } };
}
