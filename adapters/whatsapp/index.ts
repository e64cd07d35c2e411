/**
 * The WhatsApp Cloud API adapter: Meta-signed webhooks in, Graph /messages out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, WHATSAPP_ENV, type WhatsappConfig } from './config.js';
import { parseWhatsappRequest, WHATSAPP_PLATFORM } from './parse.js';
import { sendWhatsappMessage, WHATSAPP_LIMITS } from './send.js';
import { whatsappSetup } from './setup.js';
import { verifyWhatsappRequest } from './verify.js';

/** The WhatsApp adapter value for the registry. */
export const whatsappAdapter = {
  id: WHATSAPP_PLATFORM,
  limits: WHATSAPP_LIMITS,
  env: WHATSAPP_ENV,
  configFromEnv,
  verify: verifyWhatsappRequest,
  parse: parseWhatsappRequest,
  send: sendWhatsappMessage,
  setup: whatsappSetup,
} satisfies PlatformAdapter<WhatsappConfig>;
