/**
 * The Viber REST Bot API adapter: signed callbacks in, send_message out, and the webhook
 * set-up calls used by `parley webhook set|info viber`.
 */
import type { PlatformAdapter, PlatformSetup } from '../../engine/types.js';
import { configFromEnv, type ViberConfig } from './config.js';
import { parseViberRequest, VIBER_PLATFORM } from './parse.js';
import { callViber, sendViberMessage, VIBER_LIMITS } from './send.js';
import { verifyViberRequest } from './verify.js';

export type { ViberConfig } from './config.js';

/** The optional callbacks Parley reads, on top of Viber's mandatory ones. */
export const VIBER_EVENT_TYPES = ['delivered', 'seen', 'failed', 'conversation_started'] as const;

/** set_webhook (Viber pings the URL and needs a 200 back) and get_account_info. */
export const viberSetup: PlatformSetup<ViberConfig> = {
  async setWebhook(url, ctx) {
    const answer = await callViber(ctx.http, ctx.config, 'set_webhook', {
      url,
      event_types: [...VIBER_EVENT_TYPES],
      send_name: true,
      send_photo: false,
    });
    return `Viber will POST callbacks to ${url} (events: ${(answer.event_types ?? VIBER_EVENT_TYPES).join(', ')}).`;
  },
  async webhookInfo(ctx) {
    const info = (await callViber(ctx.http, ctx.config, 'get_account_info', {})) as unknown as {
      name?: string;
      webhook?: string;
      subscribers_count?: number;
    };
    const lines = [`bot: ${info.name ?? '(unnamed)'}`, `webhook: ${info.webhook || '(none)'}`];
    if (typeof info.subscribers_count === 'number') lines.push(`subscribers: ${info.subscribers_count}`);
    return lines.join('\n');
  },
};

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
  parse: (req, _config, skip) => parseViberRequest(req, skip),
  send: sendViberMessage,
  setup: viberSetup,
};
