/**
 * The Messenger adapter: Meta-signed page webhooks in, the Send API out.
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, type MessengerConfig } from './config.js';
import { MESSENGER_PLATFORM, parseMessengerRequest } from './parse.js';
import { MESSENGER_LIMITS, messengerSetup, sendMessengerMessage } from './send.js';
import { verifyMessengerRequest } from './verify.js';

export type { MessengerConfig } from './config.js';

/** The Messenger adapter value for the registry. */
export const messengerAdapter: PlatformAdapter<MessengerConfig> = {
  id: MESSENGER_PLATFORM,
  limits: {
    text: MESSENGER_LIMITS.text,
    // Quick replies are the only native form; past 13 the options become a numbered text.
    buttons: MESSENGER_LIMITS.quickReplies,
    optionTitle: MESSENGER_LIMITS.quickReplyTitle,
    options: MESSENGER_LIMITS.quickReplies,
  },
  configFromEnv,
  verify: (req, config) => verifyMessengerRequest(req, config),
  parse: (req, _config, skip) => parseMessengerRequest(req, skip),
  send: sendMessengerMessage,
  setup: messengerSetup,
};
