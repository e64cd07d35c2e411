/**
 * OutboundMessage → POST /{phone-number-id}/messages. Options become reply buttons (≤ 3),
 * a list (4–10) or a numbered text (> 10); long texts are split before the interactive part.
 */
import type { OutboundMessage, OutboundOption, PlatformSetup, SendContext, SendResult } from '../../engine/types.js';
import { SendError } from '../../engine/errors.js';
import type { GraphErrorRules } from '../meta/graph-error.js';
import { callGraph, postGraph } from '../meta/post-graph.js';
import { checkHubHandshake, dashboardInstructions } from '../meta/dashboard-instructions.js';
import { numberedOptionsText, splitText, trimTitle, trimTitlesDistinct } from '../meta/split-text.js';
import type { WhatsappConfig } from './config.js';
import { WHATSAPP_WINDOW_MESSAGE } from './parse.js';
import type { WaInteractive, WaMediaType, WaOutboundMessage, WaSendResponse } from './wire.js';

/** WhatsApp's limits (shared/PLATFORMS.md §2.4). */
export const WHATSAPP_LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  listButtonLabel: 'Options',
} as const;

/** Graph codes that mean "slow down" (shared/PLATFORMS.md §2.7). */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([130429, 131056, 131048, 80007, 4]);

/** How WhatsApp's Graph errors are read. */
export const whatsappErrorRules: GraphErrorRules = {
  platform: 'WhatsApp',
  retryableCodes: RETRYABLE_CODES,
  explain: (code) =>
    code === 131047 ? `WhatsApp refused a free-form message ${WHATSAPP_WINDOW_MESSAGE} (code 131047).` : undefined,
};

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
  const bodies = renderWhatsappMessage(to, message);
  const url = `${ctx.config.apiUrl}/${encodeURIComponent(ctx.config.phoneNumberId)}/messages`;
  const messageIds: string[] = [];
  // In order, one at a time: WhatsApp shows messages in the order it accepted them.
  for (const body of bodies) {
    const response = (await postGraph(ctx.http, url, ctx.config.token, body, whatsappErrorRules)) as WaSendResponse;
    const id = response?.messages?.[0]?.id;
    if (typeof id !== 'string') {
      throw new SendError('WhatsApp accepted the message but returned no message id.', { retryable: false });
    }
    messageIds.push(id);
  }
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
        const titles = message.options.map((o) => o.title);
        return splitText(numberedOptionsText(message.text, titles), WHATSAPP_LIMITS.text).map(text);
      }
      // Interactive messages need a non-empty body; a bare menu gets an ellipsis.
      const parts = splitText(message.text.trim() === '' ? '…' : message.text, WHATSAPP_LIMITS.interactiveBody);
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

/**
 * WhatsApp's set-up calls. The callback URL is set in the App Dashboard (the Graph call for
 * it needs the business account id and an app token, which the bot does not hold), so
 * `setWebhook` prints what to paste and checks the handshake; `webhookInfo` checks that the
 * token reaches the phone number.
 */
export const whatsappSetup: PlatformSetup<WhatsappConfig> = {
  async setWebhook(url: string, ctx: SendContext<WhatsappConfig>): Promise<string> {
    const handshake = await checkHubHandshake(ctx.http, url, ctx.config.verifyToken);
    return [dashboardInstructions('WhatsApp', 'Configuration → Webhook', url, ctx.config.verifyToken, 'messages'), handshake].join('\n');
  },
  async webhookInfo(ctx: SendContext<WhatsappConfig>): Promise<string> {
    const url = `${ctx.config.apiUrl}/${ctx.config.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`;
    const info = (await callGraph(ctx.http, 'GET', url, ctx.config.token, whatsappErrorRules)) as Record<string, unknown>;
    return [
      `Phone number id ${ctx.config.phoneNumberId}: ${String(info?.display_phone_number ?? '?')} (${String(info?.verified_name ?? 'unverified')}), quality ${String(info?.quality_rating ?? 'unknown')}.`,
      'The webhook callback URL is shown in the App Dashboard → WhatsApp → Configuration.',
    ].join('\n');
  },
};
