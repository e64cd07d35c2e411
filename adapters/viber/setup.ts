/**
 * Viber's set-up calls, used by `parley webhook set|info viber`: set_webhook (Viber pings the
 * URL and needs a 200 back) and get_account_info. The bot's name and avatar ride on every
 * message (VIBER_BOT_NAME, VIBER_BOT_AVATAR), so there is no profile call.
 */
import type { PlatformSetup } from '../../engine/types.js';
import { callViber } from './client.js';
import type { ViberConfig } from './config.js';

/** The optional callbacks Parley reads, on top of Viber's mandatory ones. */
export const VIBER_EVENT_TYPES = ['delivered', 'seen', 'failed', 'conversation_started'] as const;

/** set_webhook and get_account_info. */
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
