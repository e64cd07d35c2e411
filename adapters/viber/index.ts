/**
 * The Viber REST Bot API adapter: signed callbacks in, send_message out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, VIBER_ENV, type ViberConfig } from './config.js';
import { parseViberRequest, VIBER_PLATFORM } from './parse.js';
import { sendViberMessage, VIBER_LIMITS } from './send.js';
import { viberSetup } from './setup.js';
import { verifyViberRequest } from './verify.js';

/** The Viber adapter value for the registry. */
export const viberAdapter = {
  id: VIBER_PLATFORM,
  limits: VIBER_LIMITS,
  env: VIBER_ENV,
  configFromEnv,
  verify: verifyViberRequest,
  parse: parseViberRequest,
  send: sendViberMessage,
  setup: viberSetup,
} satisfies PlatformAdapter<ViberConfig>;
