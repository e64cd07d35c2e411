/**
 * Everything Messenger receives from us. OutboundMessage → POST /me/messages: options become
 * quick replies (≤ 13) or a numbered text; long texts are split with the quick replies on the
 * last part. Also the set-up calls (Page subscription, Messenger Profile).
 */
import type { BotProfile, OutboundMessage, PlatformSetup, SendContext, SendResult } from '../../engine/types.js';
import type { GraphErrorRules } from '../meta/graph-error.js';
import { callGraph, postGraph } from '../meta/post-graph.js';
import { checkHubHandshake, dashboardInstructions } from '../meta/dashboard-instructions.js';
import { numberedOptionsText, splitText, trimTitle } from '../meta/split-text.js';
import type { MessengerConfig } from './config.js';
import type { FbMessagingType, FbProfileBody, FbSendBody, FbSendResponse } from './wire.js';

/** Messenger's limits (shared/PLATFORMS.md §4.3). */
export const MESSENGER_LIMITS = { text: 2000, quickReplies: 13, quickReplyTitle: 20 } as const;

/** Graph codes that mean "try again later": 613 rate limit, 4 app limit, 2 temporary. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([613, 4, 2]);

/** How Messenger's Graph errors are read. */
export const messengerErrorRules: GraphErrorRules = {
  platform: 'Messenger',
  retryableCodes: RETRYABLE_CODES,
  explain: (code, subcode) =>
    code === 10 && subcode === 2018278
      ? "Messenger refused the message: it is outside Messenger's 24-hour standard messaging window (code 10/2018278); the user must write first, or send with a message tag such as HUMAN_AGENT."
      : undefined,
};

const MEDIA: Record<string, 'image' | 'audio' | 'video' | 'file'> = {
  image: 'image',
  sticker: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
};

/** Sends one message to the Messenger user `to` (a PSID); throws SendError on failure. */
export async function sendMessengerMessage(
  to: string,
  message: OutboundMessage,
  ctx: SendContext<MessengerConfig>,
): Promise<SendResult> {
  const url = `${ctx.config.apiUrl}/me/messages`;
  const messageIds: string[] = [];
  // One at a time, in order: Messenger shows messages in the order it accepted them.
  for (const body of renderMessengerMessage(to, message, messagingType(ctx.proactive))) {
    const response = (await postGraph(ctx.http, url, ctx.config.pageToken, body, messengerErrorRules)) as FbSendResponse;
    if (typeof response?.message_id === 'string') messageIds.push(response.message_id);
  }
  return { messageIds };
}

/**
 * Meta's Send API policy asks every message to say why it is sent: a reply to the user is a
 * RESPONSE; a message nobody asked for just now (send API) is an UPDATE.
 */
export function messagingType(proactive: boolean | undefined): FbMessagingType {
  return proactive ? 'UPDATE' : 'RESPONSE';
}

/** The request bodies one OutboundMessage becomes, in sending order; a reply unless told otherwise. */
export function renderMessengerMessage(to: string, message: OutboundMessage, messaging_type: FbMessagingType = 'RESPONSE'): FbSendBody[] {
  const recipient = { id: to };
  const text = (body: string): FbSendBody => ({ recipient, messaging_type, message: { text: body } });
  switch (message.kind) {
    case 'text':
      return splitText(message.text, MESSENGER_LIMITS.text).map(text);
    case 'typing':
      return [{ recipient, sender_action: 'typing_on' }];
    case 'location': {
      // The Send API cannot send a location; a map link is the closest thing.
      const link = `https://maps.google.com/?q=${message.latitude},${message.longitude}`;
      return [text(message.name ? `${message.name}\n${link}` : link)];
    }
    case 'media': {
      const type = MEDIA[message.mediaType] ?? 'file';
      const out: FbSendBody[] = [
        { recipient, messaging_type, message: { attachment: { type, payload: { url: message.url, is_reusable: true } } } },
      ];
      // Attachments take no caption on Messenger: the caption follows as its own text.
      if (message.caption) out.push(...splitText(message.caption, MESSENGER_LIMITS.text).map(text));
      return out;
    }
    case 'options': {
      if (message.options.length > MESSENGER_LIMITS.quickReplies) {
        const titles = message.options.map((o) => o.title);
        return splitText(numberedOptionsText(message.text, titles), MESSENGER_LIMITS.text).map(text);
      }
      // Quick replies need a non-empty text; they ride on the last part of a split text.
      const parts = splitText(message.text.trim() === '' ? '…' : message.text, MESSENGER_LIMITS.text);
      const last = parts.pop()!;
      const quick_replies = message.options.map((o) => ({
        content_type: 'text' as const,
        title: trimTitle(o.title, MESSENGER_LIMITS.quickReplyTitle),
        payload: o.id,
      }));
      return [...parts.map(text), { recipient, messaging_type, message: { text: last, quick_replies } }];
    }
  }
}

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
    const handshake = await checkHubHandshake(ctx.http, url, ctx.config.verifyToken);
    return [
      dashboardInstructions('Messenger', 'Settings → Webhooks', url, ctx.config.verifyToken, FIELDS),
      `✓ Subscribed the Page to the app's webhook fields (${FIELDS}).`,
      handshake,
    ].join('\n');
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
