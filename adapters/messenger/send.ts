/**
 * OutboundMessage → POST /me/messages. Options become quick replies (≤ 13) or a numbered
 * text; long texts are split with the quick replies on the last part.
 */
import type { OutboundMessage, SendContext, SendResult } from '../../engine/types.js';
import type { GraphErrorRules } from '../meta/graph-error.js';
import { postGraph } from '../meta/post-graph.js';
import { numberedOptionsText, splitText, trimTitle } from '../meta/split-text.js';
import type { MessengerConfig } from './config.js';
import type { FbSendBody, FbSendResponse } from './wire.js';

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
  for (const body of renderMessengerMessage(to, message)) {
    const response = (await postGraph(ctx.http, url, ctx.config.pageToken, body, messengerErrorRules)) as FbSendResponse;
    if (typeof response?.message_id === 'string') messageIds.push(response.message_id);
  }
  return { messageIds };
}

/** The request bodies one OutboundMessage becomes, in sending order. */
export function renderMessengerMessage(to: string, message: OutboundMessage): FbSendBody[] {
  const recipient = { id: to };
  const text = (body: string): FbSendBody => ({ recipient, messaging_type: 'RESPONSE', message: { text: body } });
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
        { recipient, messaging_type: 'RESPONSE', message: { attachment: { type, payload: { url: message.url, is_reusable: true } } } },
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
      return [...parts.map(text), { recipient, messaging_type: 'RESPONSE', message: { text: last, quick_replies } }];
    }
  }
}
