/**
 * The Messenger adapter: Meta-signed page webhooks in, the Send API out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, MESSENGER_ENV, type MessengerConfig } from './config.js';
import { MESSENGER_PLATFORM, parseMessengerRequest } from './parse.js';
import { MESSENGER_LIMITS, sendMessengerMessage } from './send.js';
import { messengerSetup } from './setup.js';
import { verifyMessengerRequest } from './verify.js';

/** The Messenger adapter value for the registry. */
export const messengerAdapter = {
  id: MESSENGER_PLATFORM,
  limits: MESSENGER_LIMITS,
  env: MESSENGER_ENV,
  configFromEnv,
  verify: verifyMessengerRequest,
  parse: parseMessengerRequest,
  send: sendMessengerMessage,
  setup: messengerSetup,
} satisfies PlatformAdapter<MessengerConfig>;
