/**
 * OutboundMessage → POST /send_message. Options become a reply keyboard (one full-width button
 * per option, ActionBody = option id) with the offered ids in tracking_data, so the press can be
 * told apart from typed text; long texts are split at 7000 characters, the keyboard riding on
 * the last part; more than 24 options degrade to a numbered text.
 */
import { SendError } from '../../engine/errors.js';
import type { MediaType, OutboundMessage, SendContext, SendResult } from '../../engine/types.js';
import { numberedOptionsParts, splitText, trimTitle } from '../shared/split-text.js';
import { callViber } from './client.js';
import type { ViberConfig } from './config.js';
import type { ParleyTrackingData, ViberSendMessage } from './wire.js';

/** Viber's limits (docs/platforms.md §3.3). */
export const VIBER_LIMITS = {
  text: 7000,
  /** A picture's description. */
  pictureText: 120,
  /** Parley's cap on keyboard buttons: beyond it a keyboard scrolls past use on a phone. */
  buttons: 24,
  /** All options are keyboard buttons. */
  options: 24,
  /** Viber's cap on a button's Text. */
  optionTitle: 250,
  senderName: 28,
} as const;

/** Keyboards need API version 7 or later on the user's client; plain messages need 1. */
const KEYBOARD_API_VERSION = 7;

/** Media Viber cannot show inline (video and file need a byte size) go out as a link. */
const PICTURE_TYPES: ReadonlySet<MediaType> = new Set(['image', 'sticker']);

/** The send_message bodies one OutboundMessage becomes, in sending order (none for typing). */
export function renderViberMessage(to: string, message: OutboundMessage, config: ViberConfig): ViberSendMessage[] {
  const head = {
    receiver: to,
    min_api_version: 1,
    sender: {
      name: trimTitle(config.botName, VIBER_LIMITS.senderName),
      ...(config.botAvatar ? { avatar: config.botAvatar } : {}),
    },
    // Viber rejects null; an empty string also clears the ids of an earlier keyboard.
    tracking_data: '',
  };
  const textBody = (text: string): ViberSendMessage => ({ ...head, type: 'text', text });
  const texts = (text: string): ViberSendMessage[] => splitText(text, VIBER_LIMITS.text).map(textBody);
  switch (message.kind) {
    case 'text':
      return texts(message.text);
    case 'typing':
      // Viber has no typing indicator.
      return [];
    case 'location':
      return [{ ...head, type: 'location', location: { lat: message.latitude, lon: message.longitude } }];
    case 'media': {
      const caption = message.caption ?? '';
      if (PICTURE_TYPES.has(message.mediaType)) {
        const inline = caption.length <= VIBER_LIMITS.pictureText;
        const picture: ViberSendMessage = { ...head, type: 'picture', media: message.url, text: inline ? caption : '' };
        return inline ? [picture] : [picture, ...texts(caption)];
      }
      const link: ViberSendMessage = { ...head, type: 'url', media: message.url };
      return caption ? [link, ...texts(caption)] : [link];
    }
    case 'options': {
      if (message.options.length > VIBER_LIMITS.buttons) {
        return numberedOptionsParts(message.text, message.options, VIBER_LIMITS.text).map(textBody);
      }
      const bodies = texts(message.text);
      const tracking: ParleyTrackingData = { parley: { options: message.options.map((o) => o.id) } };
      bodies[bodies.length - 1] = {
        ...bodies[bodies.length - 1]!,
        min_api_version: KEYBOARD_API_VERSION,
        tracking_data: JSON.stringify(tracking),
        keyboard: {
          Type: 'keyboard',
          DefaultHeight: false,
          Buttons: message.options.map((o) => ({
            Columns: 6,
            Rows: 1,
            ActionType: 'reply',
            ActionBody: o.id,
            Text: trimTitle(o.title, VIBER_LIMITS.optionTitle),
          })),
        },
      };
      return bodies;
    }
  }
}

/** Sends one message to the subscriber `to`; throws SendError on failure. */
export async function sendViberMessage(to: string, message: OutboundMessage, ctx: SendContext<ViberConfig>): Promise<SendResult> {
  const messageIds: string[] = [];
  // One at a time, so the user sees the parts in order.
  for (const body of renderViberMessage(to, message, ctx.config)) {
    const response = await callViber(ctx.http, ctx.config, 'send_message', body);
    if (response.message_token === undefined) {
      throw new SendError('Viber accepted the message but returned no message_token.', { retryable: false });
    }
    messageIds.push(String(response.message_token));
  }
  return { messageIds };
}
