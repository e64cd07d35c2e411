/**
 * Messenger's set-up calls: the Page's subscription to the app's webhook fields and the
 * Messenger Profile (greeting, Get Started, persistent menu). The callback URL itself can
 * only be set in the App Dashboard, so `setWebhook` prints what to paste and checks the handshake.
 */
import type { BotProfile, PlatformSetup, SendContext } from '../../engine/types.js';
import { checkHubHandshake, dashboardInstructions } from '../shared/dashboard-instructions.js';
import { trimTitle } from '../shared/split-text.js';
import { callMessenger } from './client.js';
import type { MessengerConfig } from './config.js';
import type { FbProfileBody } from './wire.js';

/** The webhook fields the adapter parses. */
const FIELDS = 'messages,messaging_postbacks,message_deliveries,message_reads';

/** Builds the /me/messenger_profile body; menu titles are cut at 30 characters. */
export function renderProfile(profile: BotProfile): FbProfileBody {
  const body: FbProfileBody = {};
  if (profile.greeting !== undefined) body.greeting = [{ locale: 'default', text: profile.greeting }];
  if (profile.getStartedPayload !== undefined) body.get_started = { payload: profile.getStartedPayload };
  if (profile.persistentMenu !== undefined) {
    body.persistent_menu = [
      {
        locale: 'default',
        composer_input_disabled: false,
        call_to_actions: profile.persistentMenu.map((item) => ({
          type: 'postback',
          title: trimTitle(item.title, 30),
          payload: item.payload,
        })),
      },
    ];
  }
  return body;
}

/** Page subscription with a handshake check, the subscribed apps, and the profile. */
export const messengerSetup: PlatformSetup<MessengerConfig> = {
  async setWebhook(url: string, ctx: SendContext<MessengerConfig>): Promise<string> {
    await callMessenger(ctx, 'POST', `me/subscribed_apps?subscribed_fields=${FIELDS}`, {});
    const handshake = await checkHubHandshake(ctx.http, url, ctx.config.verifyToken);
    return [
      dashboardInstructions('Messenger', 'Settings → Webhooks', url, ctx.config.verifyToken, FIELDS),
      `✓ Subscribed the Page to the app's webhook fields (${FIELDS}).`,
      handshake,
    ].join('\n');
  },
  async webhookInfo(ctx: SendContext<MessengerConfig>): Promise<string> {
    const res = (await callMessenger(ctx, 'GET', 'me/subscribed_apps')) as {
      data?: { name?: string; id?: string; subscribed_fields?: string[] }[];
    };
    const apps = res?.data ?? [];
    if (apps.length === 0) return 'The Page is not subscribed to any app: run `parley webhook set messenger <url>`.';
    return apps.map((app) => `${app.name ?? app.id}: ${(app.subscribed_fields ?? []).join(', ') || 'no fields'}`).join('\n');
  },
  async setProfile(profile: BotProfile, ctx: SendContext<MessengerConfig>): Promise<string> {
    const body = renderProfile(profile);
    const fields = Object.keys(body);
    if (fields.length === 0) return 'Nothing to set: the profile is empty.';
    await callMessenger(ctx, 'POST', 'me/messenger_profile', body);
    return `Set the Messenger profile: ${fields.join(', ')}.`;
  },
};
