/**
 * WhatsApp webhook notification → InboundEvents. One POST may carry several entries, each
 * with several changes, each with several messages and statuses: every one becomes an event.
 */
import { ParseError } from '../../engine/errors.js';
import type { InboundEvent, MediaType, ReceiptKind, WebhookRequest } from '../../engine/types.js';
import type { WaChangeValue, WaInboundMedia, WaInboundMessage, WaNotification, WaStatus } from './wire.js';

/** The registry id the events carry. */
export const WHATSAPP_PLATFORM = 'whatsapp';

/** Said when a send failed because the 24-hour customer-service window has closed (131047). */
export const WHATSAPP_WINDOW_MESSAGE =
  "outside WhatsApp's 24-hour customer-service window: send a template message";

const MEDIA: Record<string, MediaType> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

// `sent` and `played` have no ReceiptKind; the bot has nothing to do with them.
const RECEIPTS: Record<string, ReceiptKind> = { delivered: 'delivered', read: 'read', failed: 'failed' };

/** Parses a verified WhatsApp POST body; throws ParseError when it is not a notification. */
export function parseWhatsappRequest(req: WebhookRequest): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError('The WhatsApp webhook body is not valid JSON.', { cause });
  }
  const note = body as Partial<WaNotification> | null;
  if (typeof note !== 'object' || note === null || note.object !== 'whatsapp_business_account' || !Array.isArray(note.entry)) {
    throw new ParseError('The WhatsApp webhook body needs object "whatsapp_business_account" and an entry array.');
  }
  const events: InboundEvent[] = [];
  for (const entry of note.entry) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      // Other fields (account_update, templates, …) are account news, not conversation.
      if (change?.field !== 'messages' || typeof change.value !== 'object' || change.value === null) continue;
      events.push(...parseChange(change.value));
    }
  }
  return events;
}

function parseChange(value: WaChangeValue): InboundEvent[] {
  const names = new Map<string, string>();
  for (const contact of value.contacts ?? []) {
    if (contact?.wa_id && contact.profile?.name) names.set(contact.wa_id, contact.profile.name);
  }
  const platformData = value.metadata?.phone_number_id ? { phoneNumberId: value.metadata.phone_number_id } : undefined;
  const events: InboundEvent[] = [];
  for (const message of value.messages ?? []) {
    const event = parseMessage(message, names.get(message.from), platformData);
    if (event) events.push(event);
  }
  for (const status of value.statuses ?? []) {
    const event = parseStatus(status, platformData);
    if (event) events.push(event);
  }
  return events;
}

type Base = Omit<Extract<InboundEvent, { kind: 'text' }>, 'kind' | 'text'>;

function parseMessage(
  message: WaInboundMessage,
  name: string | undefined,
  platformData: Record<string, string> | undefined,
): InboundEvent | undefined {
  if (typeof message?.from !== 'string' || typeof message.id !== 'string') return undefined;
  const base: Base = {
    platform: WHATSAPP_PLATFORM,
    conversation: message.from,
    user: name === undefined ? { id: message.from } : { id: message.from, name },
    // The wamid is WhatsApp's dedup key; statuses are prefixed, so the two never collide.
    eventId: message.id,
    timestamp: seconds(message.timestamp),
    raw: message,
  };
  if (platformData) base.platformData = platformData;
  switch (message.type) {
    case 'text':
      return message.text ? { ...base, kind: 'text', text: message.text.body } : undefined;
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { ...base, kind: 'option', optionId: reply.id, title: reply.title } : undefined;
    }
    case 'button':
      // A quick-reply button on a template message: the payload is the option id.
      return message.button ? { ...base, kind: 'option', optionId: message.button.payload, title: message.button.text } : undefined;
    case 'location': {
      const loc = message.location;
      if (!loc) return undefined;
      return {
        ...base,
        kind: 'location',
        latitude: loc.latitude,
        longitude: loc.longitude,
        ...(loc.name === undefined ? {} : { name: loc.name }),
        ...(loc.address === undefined ? {} : { address: loc.address }),
      };
    }
    case 'contacts': {
      const contact = message.contacts?.[0];
      const phone = contact?.phones?.[0];
      const number = phone?.phone ?? phone?.wa_id;
      if (!number) return undefined;
      return {
        ...base,
        kind: 'contact',
        phone: number,
        ...(contact?.name?.formatted_name ? { name: contact.name.formatted_name } : {}),
        ...(phone?.wa_id ? { contactUserId: phone.wa_id } : {}),
      };
    }
    default: {
      const mediaType = MEDIA[message.type];
      const media = mediaType ? (message[message.type as keyof WaInboundMessage] as WaInboundMedia | undefined) : undefined;
      if (!mediaType || !media) return undefined; // reactions, system, order, unknown: not for the bot
      return {
        ...base,
        kind: 'media',
        mediaType,
        fileId: media.id,
        ...(media.mime_type === undefined ? {} : { mimeType: media.mime_type }),
        ...(media.caption === undefined ? {} : { caption: media.caption }),
      };
    }
  }
}

function parseStatus(status: WaStatus, platformData: Record<string, string> | undefined): InboundEvent | undefined {
  const receipt = RECEIPTS[status?.status];
  if (!receipt || typeof status.id !== 'string' || typeof status.recipient_id !== 'string') return undefined;
  const error = receipt === 'failed' ? statusError(status) : undefined;
  return {
    platform: WHATSAPP_PLATFORM,
    conversation: status.recipient_id,
    user: { id: status.recipient_id },
    eventId: `status:${status.id}:${status.status}`,
    timestamp: seconds(status.timestamp),
    ...(platformData ? { platformData } : {}),
    raw: status,
    kind: 'receipt',
    receipt,
    messageIds: [status.id],
    ...(error === undefined ? {} : { error }),
  };
}

function statusError(status: WaStatus): string {
  const first = status.errors?.[0];
  if (!first) return 'WhatsApp reported the message as failed without an error.';
  if (first.code === 131047) return `Message ${status.id} was not delivered: ${WHATSAPP_WINDOW_MESSAGE}.`;
  const detail = first.error_data?.details ?? first.message ?? first.title ?? '';
  return `WhatsApp error ${first.code}: ${detail}`;
}

function seconds(timestamp: string | undefined): number {
  const n = Number(timestamp);
  return Number.isFinite(n) ? n * 1000 : 0;
}
