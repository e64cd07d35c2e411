/**
 * OutboundMessage → POST /{phone-number-id}/messages. Options become reply buttons (≤ 3),
 * a list (4–10) or a numbered text (> 10); long texts are split before the interactive part.
 */
import type { OutboundMessage, OutboundOption, SendContext, SendResult } from '../../engine/types.js';
import { numberedOptionsParts, splitNonEmpty, splitText, trimTitle, trimTitlesDistinct } from '../shared/split-text.js';
import { postWhatsappMessage } from './client.js';
import type { WhatsappConfig } from './config.js';
import type { WaInteractive, WaMediaType, WaOutboundMessage } from './wire.js';

/** WhatsApp's limits (docs/platforms.md §2.4). */
export const WHATSAPP_LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  // Up to 3 options are reply buttons; 4–10 degrade to a list, more to a numbered text.
  buttons: 3,
  buttonTitle: 20,
  /** The option title limit the engine checks: the reply buttons' (the stricter one). */
  optionTitle: 20,
  listRows: 10,
  options: 10,
  rowTitle: 24,
  listButtonLabel: 'Options',
} as const;

const MEDIA: Record<string, WaMediaType> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  sticker: 'sticker',
};

/** Sends one message to the WhatsApp user `to` (a wa_id); throws SendError on failure. */
export async function sendWhatsappMessage(
  to: string,
  message: OutboundMessage,
  ctx: SendContext<WhatsappConfig>,
): Promise<SendResult> {
  const messageIds: string[] = [];
  // In order, one at a time: WhatsApp shows messages in the order it accepted them.
  for (const body of renderWhatsappMessage(to, message)) messageIds.push(await postWhatsappMessage(ctx, body));
  return { messageIds };
}

/** The request bodies one OutboundMessage becomes, in sending order (none for typing). */
export function renderWhatsappMessage(to: string, message: OutboundMessage): WaOutboundMessage[] {
  const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to } as const;
  const text = (body: string): WaOutboundMessage => ({ ...head, type: 'text', text: { body, preview_url: false } });
  switch (message.kind) {
    case 'text':
      return splitText(message.text, WHATSAPP_LIMITS.text).map(text);
    case 'typing':
      // The Cloud API has no typing indicator.
      return [];
    case 'location':
      return [
        {
          ...head,
          type: 'location',
          location: {
            latitude: message.latitude,
            longitude: message.longitude,
            ...(message.name === undefined ? {} : { name: message.name }),
          },
        },
      ];
    case 'media': {
      const type = MEDIA[message.mediaType] ?? 'document';
      // Audio and stickers take no caption; send it as a text after the media.
      const captionFits = message.caption !== undefined && type !== 'audio' && type !== 'sticker';
      const media = { link: message.url, ...(captionFits ? { caption: message.caption } : {}) };
      const out: WaOutboundMessage[] = [{ ...head, type, [type]: media }];
      if (message.caption !== undefined && !captionFits) out.push(text(message.caption));
      return out;
    }
    case 'options': {
      if (message.options.length > WHATSAPP_LIMITS.listRows) {
        return numberedOptionsParts(message.text, message.options, WHATSAPP_LIMITS.text).map(text);
      }
      const parts = splitNonEmpty(message.text, WHATSAPP_LIMITS.interactiveBody);
      const last = parts.pop()!;
      // The excess text goes first as plain texts (≤ 4096 each) so the buttons stay last.
      const before = parts.length === 0 ? [] : splitText(parts.join('\n'), WHATSAPP_LIMITS.text).map(text);
      return [...before, { ...head, type: 'interactive', interactive: renderInteractive(last, message.options) }];
    }
  }
}

function renderInteractive(body: string, options: OutboundOption[]): WaInteractive {
  if (options.length <= WHATSAPP_LIMITS.buttons) {
    const titles = trimTitlesDistinct(options.map((o) => o.title), WHATSAPP_LIMITS.buttonTitle);
    return {
      type: 'button',
      body: { text: body },
      action: { buttons: options.map((o, i) => ({ type: 'reply', reply: { id: o.id, title: titles[i] } })) },
    };
  }
  return {
    type: 'list',
    body: { text: body },
    action: {
      button: WHATSAPP_LIMITS.listButtonLabel,
      sections: [{ rows: options.map((o) => ({ id: o.id, title: trimTitle(o.title, WHATSAPP_LIMITS.rowTitle) })) }],
    },
  };
}
