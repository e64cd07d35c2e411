/**
 * OutboundMessage → POST /me/messages: options become quick replies (≤ 13) or a numbered
 * text; long texts are split with the quick replies on the last part.
 */
import type { OutboundMessage, SendContext, SendResult } from '../../engine/types.js';
import { numberedOptionsParts, splitNonEmpty, splitText, trimTitle } from '../shared/split-text.js';
import { callMessenger } from './client.js';
import type { MessengerConfig } from './config.js';
import type { FbMessagingType, FbSendBody, FbSendResponse } from './wire.js';

/** Messenger's limits (docs/platforms.md §4.3). */
export const MESSENGER_LIMITS = {
  text: 2000,
  quickReplies: 13,
  quickReplyTitle: 20,
  // Quick replies are the only native form; past 13 the options become a numbered text.
  buttons: 13,
  options: 13,
  optionTitle: 20,
} as const;

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
  const messageIds: string[] = [];
  // One at a time, in order: Messenger shows messages in the order it accepted them.
  for (const body of renderMessengerMessage(to, message, messagingType(ctx.proactive))) {
    const response = (await callMessenger(ctx, 'POST', 'me/messages', body)) as FbSendResponse;
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
    case 'options':
      if (message.options.length > MESSENGER_LIMITS.quickReplies) {
        return numberedOptionsParts(message.text, message.options, MESSENGER_LIMITS.text).map(text);
      }
      return withQuickReplies(message, recipient, messaging_type);
  }
}

/** The text split as usual, the quick replies riding on its last part. */
function withQuickReplies(message: Extract<OutboundMessage, { kind: 'options' }>, recipient: { id: string }, messaging_type: FbMessagingType): FbSendBody[] {
  const parts = splitNonEmpty(message.text, MESSENGER_LIMITS.text);
  const quick_replies = message.options.map((o) => ({
    content_type: 'text' as const,
    title: trimTitle(o.title, MESSENGER_LIMITS.quickReplyTitle),
    payload: o.id,
  }));
  return parts.map((text, i) => ({ recipient, messaging_type, message: i === parts.length - 1 ? { text, quick_replies } : { text } }));
}
