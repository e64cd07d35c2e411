/**
 * The Viber REST Bot API adapter: signed callbacks in, send_message out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, type ViberConfig } from './config.js';
import { parseViberRequest, VIBER_PLATFORM } from './parse.js';
import { sendViberMessage, VIBER_LIMITS } from './send.js';
import { viberSetup } from './setup.js';
import { verifyViberRequest } from './verify.js';

export type { ViberConfig } from './config.js';

/** The Viber adapter value for the registry. */
export const viberAdapter: PlatformAdapter<ViberConfig> = {
  id: VIBER_PLATFORM,
  limits: {
    text: VIBER_LIMITS.text,
    buttons: VIBER_LIMITS.buttons,
    optionTitle: VIBER_LIMITS.optionTitle,
    options: VIBER_LIMITS.buttons,
  },
  configFromEnv,
  verify: (req, config) => verifyViberRequest(req, config),
  parse: (req) => parseViberRequest(req),
  send: sendViberMessage,
  setup: viberSetup,
};
