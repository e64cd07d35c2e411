/**
 * Messenger set-up calls: subscribing the Page to the app's webhook and the Messenger
 * Profile (greeting, Get Started button, persistent menu).
 */
import type { BotProfile, PlatformSetup, SendContext } from '../../engine/types.js';
import { callGraph } from '../meta/post-graph.js';
import { trimTitle } from '../meta/split-text.js';
import type { MessengerConfig } from './config.js';
import { messengerErrorRules } from './send.js';
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

/** Messenger's set-up calls. The callback URL itself can only be set in the App Dashboard. */
export const messengerSetup: PlatformSetup<MessengerConfig> = {
  async setWebhook(url: string, ctx: SendContext<MessengerConfig>): Promise<string> {
    const endpoint = `${ctx.config.apiUrl}/me/subscribed_apps?subscribed_fields=${FIELDS}`;
    await callGraph(ctx.http, 'POST', endpoint, ctx.config.pageToken, messengerErrorRules, {});
    return (
      `Subscribed the Page to the app's webhook fields (${FIELDS}). ` +
      `Set the callback URL ${url} and the verify token in the App Dashboard (Messenger → Settings → Webhooks).`
    );
  },
  async webhookInfo(ctx: SendContext<MessengerConfig>): Promise<string> {
    const endpoint = `${ctx.config.apiUrl}/me/subscribed_apps`;
    const res = (await callGraph(ctx.http, 'GET', endpoint, ctx.config.pageToken, messengerErrorRules)) as {
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
    await callGraph(ctx.http, 'POST', `${ctx.config.apiUrl}/me/messenger_profile`, ctx.config.pageToken, messengerErrorRules, body);
    return `Set the Messenger profile: ${fields.join(', ')}.`;
  },
};
