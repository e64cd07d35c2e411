/**
 * WhatsApp Cloud API configuration from the environment.
 */
import type { AdapterConfigResult } from '../../engine/types.js';

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

/** Reads WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_PHONE_NUMBER_ID (required) and WHATSAPP_API_URL. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<WhatsappConfig> {
  const required = ['WHATSAPP_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) return { missing };
  return {
    missing: [],
    config: {
      token: env.WHATSAPP_TOKEN!,
      appSecret: env.WHATSAPP_APP_SECRET!,
      verifyToken: env.WHATSAPP_VERIFY_TOKEN!,
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!,
      apiUrl: (env.WHATSAPP_API_URL || WHATSAPP_DEFAULT_API_URL).replace(/\/+$/, ''),
    },
  };
}
