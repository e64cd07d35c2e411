/**
 * The WhatsApp Cloud API adapter: Meta-signed webhooks in, Graph /messages out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, type WhatsappConfig } from './config.js';
import { parseWhatsappRequest, WHATSAPP_PLATFORM } from './parse.js';
import { sendWhatsappMessage, whatsappSetup, WHATSAPP_LIMITS } from './send.js';
import { verifyWhatsappRequest } from './verify.js';

export type { WhatsappConfig } from './config.js';

/** The WhatsApp adapter value for the registry. */
export const whatsappAdapter: PlatformAdapter<WhatsappConfig> = {
  id: WHATSAPP_PLATFORM,
  limits: {
    text: WHATSAPP_LIMITS.text,
    // Up to 3 options are reply buttons; 4–10 degrade to a list, more to a numbered text.
    buttons: WHATSAPP_LIMITS.buttons,
    optionTitle: WHATSAPP_LIMITS.buttonTitle,
    options: WHATSAPP_LIMITS.listRows,
  },
  configFromEnv,
  verify: (req, config) => verifyWhatsappRequest(req, config),
  parse: (req, _config, skip) => parseWhatsappRequest(req, skip),
  send: sendWhatsappMessage,
  setup: whatsappSetup,
};
