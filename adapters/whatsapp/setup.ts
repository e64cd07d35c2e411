/**
 * WhatsApp's set-up calls. The callback URL is set in the App Dashboard (the Graph call for
 * it needs the business account id and an app token, which the bot does not hold), so
 * `setWebhook` prints what to paste and checks the handshake; `webhookInfo` checks that the
 * token reaches the phone number. WhatsApp has no bot profile call Parley uses.
 */
import type { PlatformSetup, SendContext } from '../../engine/types.js';
import { checkHubHandshake, dashboardInstructions } from '../shared/dashboard-instructions.js';
import { getPhoneNumber } from './client.js';
import type { WhatsappConfig } from './config.js';

/** The dashboard instructions with a handshake check, and the phone number's record. */
export const whatsappSetup: PlatformSetup<WhatsappConfig> = {
  async setWebhook(url: string, ctx: SendContext<WhatsappConfig>): Promise<string> {
    const handshake = await checkHubHandshake(ctx.http, url, ctx.config.verifyToken);
    return [dashboardInstructions('WhatsApp', 'Configuration → Webhook', url, ctx.config.verifyToken, 'messages'), handshake].join('\n');
  },
  async webhookInfo(ctx: SendContext<WhatsappConfig>): Promise<string> {
    const info = await getPhoneNumber(ctx);
    return [
      `Phone number id ${ctx.config.phoneNumberId}: ${String(info?.display_phone_number ?? '?')} (${String(info?.verified_name ?? 'unverified')}), quality ${String(info?.quality_rating ?? 'unknown')}.`,
      'The webhook callback URL is shown in the App Dashboard → WhatsApp → Configuration.',
    ].join('\n');
  },
};
