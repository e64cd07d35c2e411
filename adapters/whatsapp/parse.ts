/**
 * WhatsApp webhook notification → InboundEvents. One POST may carry several entries, each
 * with several changes, each with several messages and statuses: every one becomes an event.
 */
import type { InboundEvent, MediaType, ReceiptKind, SkipItem, WebhookRequest } from '../../engine/types.js';
import { readMetaItems } from '../shared/read-json-body.js';
import { badItem, itemList, readItem } from '../shared/skip-bad-items.js';
import { asId, asList, asNumber, asRecord, asString } from '../shared/wire-readers.js';
import { WHATSAPP_WINDOW_MESSAGE } from './wire.js';

/** The registry id the events carry. */
export const WHATSAPP_PLATFORM = 'whatsapp';

const MEDIA: Record<string, MediaType> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

// `sent` and `played` have no ReceiptKind; the bot has nothing to do with them.
const RECEIPTS: Record<string, ReceiptKind> = { delivered: 'delivered', read: 'read', failed: 'failed' };

type Json = Record<string, unknown>;
type PlatformData = Record<string, string> | undefined;

/**
 * Parses a verified WhatsApp POST body; throws ParseError when it is not a notification.
 * Each message and status is read on its own: one that cannot be read goes to `skip`, and
 * the others still become events.
 */
export function parseWhatsappRequest(req: WebhookRequest, _config?: unknown, skip?: SkipItem): InboundEvent[] {
  return readMetaItems(req, 'WhatsApp', 'whatsapp_business_account', 'changes', skip).flatMap(({ item, where }) => {
    const change = asRecord(item);
    // Other fields (account_update, templates, …) are account news, not conversation.
    if (change?.field !== 'messages') return [];
    const value = asRecord(change.value);
    return value ? parseChange(value, where, skip) : [];
  });
}

function parseChange(value: Json, where: string, skip: SkipItem | undefined): InboundEvent[] {
  const names = new Map<string, string>();
  for (const item of asList(value.contacts)) {
    const contact = asRecord(item);
    const waId = asId(contact?.wa_id);
    const name = asString(asRecord(contact?.profile)?.name);
    if (waId && name) names.set(waId, name);
  }
  const phoneNumberId = asId(asRecord(value.metadata)?.phone_number_id);
  const platformData = phoneNumberId ? { phoneNumberId } : undefined;
  const events: InboundEvent[] = [];
  itemList(value, 'messages', where, skip).forEach((item, i) => {
    const message = asRecord(item);
    const read = () => parseMessage(message ?? badItem('the message is not an object'), names, platformData);
    events.push(...readItem(`${where}.messages[${i}]`, read, skip, asId(message?.id)));
  });
  itemList(value, 'statuses', where, skip).forEach((item, i) => {
    const status = asRecord(item);
    const read = () => parseStatus(status ?? badItem('the status is not an object'), platformData);
    events.push(...readItem(`${where}.statuses[${i}]`, read, skip, asId(status?.id)));
  });
  return events;
}

type Base = Omit<Extract<InboundEvent, { kind: 'text' }>, 'kind' | 'text'>;

function parseMessage(message: Json, names: Map<string, string>, platformData: PlatformData): InboundEvent[] {
  const from = asId(message.from) ?? badItem('the message has no string "from"');
  const id = asId(message.id) ?? badItem('the message has no string "id"');
  const name = names.get(from);
  const base: Base = {
    platform: WHATSAPP_PLATFORM,
    conversation: from,
    user: name === undefined ? { id: from } : { id: from, name },
    // The wamid is WhatsApp's dedup key; statuses are prefixed, so the two never collide.
    eventId: id,
    timestamp: seconds(message.timestamp),
    raw: message,
  };
  if (platformData) base.platformData = platformData;
  const event = readMessage(message, base);
  return event ? [event] : [];
}

function readMessage(message: Json, base: Base): InboundEvent | undefined {
  const type = asString(message.type) ?? '';
  switch (type) {
    case 'text': {
      const body = asString(asRecord(message.text)?.body) ?? badItem('the text message has no string text.body');
      return { ...base, kind: 'text', text: body };
    }
    case 'interactive': {
      const interactive = asRecord(message.interactive);
      return option(base, asRecord(interactive?.button_reply) ?? asRecord(interactive?.list_reply), 'id', 'title');
    }
    case 'button':
      // A quick-reply button on a template message: the payload is the option id.
      return option(base, asRecord(message.button), 'payload', 'text');
    case 'location': {
      const loc = asRecord(message.location);
      const latitude = asNumber(loc?.latitude);
      const longitude = asNumber(loc?.longitude);
      if (latitude === undefined || longitude === undefined) return undefined;
      const name = asString(loc?.name);
      const address = asString(loc?.address);
      return { ...base, kind: 'location', latitude, longitude, ...(name === undefined ? {} : { name }), ...(address === undefined ? {} : { address }) };
    }
    case 'contacts': {
      const contact = asRecord(asList(message.contacts)[0]);
      const phone = asRecord(asList(contact?.phones)[0]);
      const waId = asId(phone?.wa_id);
      const number = asId(phone?.phone) ?? waId;
      if (!number) return undefined;
      const name = asString(asRecord(contact?.name)?.formatted_name);
      return { ...base, kind: 'contact', phone: number, ...(name ? { name } : {}), ...(waId ? { contactUserId: waId } : {}) };
    }
    default: {
      // Own keys only: a type named "constructor" must not find Object's.
      const mediaType = Object.hasOwn(MEDIA, type) ? MEDIA[type] : undefined;
      const media = mediaType ? asRecord(message[type]) : undefined;
      const fileId = asId(media?.id);
      if (!mediaType || !fileId) return undefined; // reactions, system, order, unknown: not for the bot
      const mimeType = asString(media?.mime_type);
      const caption = asString(media?.caption);
      return {
        ...base,
        kind: 'media',
        mediaType,
        fileId,
        ...(mimeType === undefined ? {} : { mimeType }),
        ...(caption === undefined ? {} : { caption }),
      };
    }
  }
}

function option(base: Base, reply: Json | undefined, idField: string, titleField: string): InboundEvent | undefined {
  const optionId = asString(reply?.[idField]);
  if (optionId === undefined) return undefined;
  const title = asString(reply?.[titleField]);
  return { ...base, kind: 'option', optionId, ...(title === undefined ? {} : { title }) };
}

function parseStatus(status: Json, platformData: PlatformData): InboundEvent[] {
  const state = asString(status.status) ?? '';
  const receipt = Object.hasOwn(RECEIPTS, state) ? RECEIPTS[state] : undefined;
  if (!receipt) return [];
  const id = asId(status.id) ?? badItem('the status has no string "id"');
  const recipient = asId(status.recipient_id) ?? badItem('the status has no string "recipient_id"');
  const error = receipt === 'failed' ? statusError(status, id) : undefined;
  return [
    {
      platform: WHATSAPP_PLATFORM,
      conversation: recipient,
      user: { id: recipient },
      eventId: `status:${id}:${state}`,
      timestamp: seconds(status.timestamp),
      ...(platformData ? { platformData } : {}),
      raw: status,
      kind: 'receipt',
      receipt,
      messageIds: [id],
      ...(error === undefined ? {} : { error }),
    },
  ];
}

function statusError(status: Json, id: string): string {
  const first = asRecord(asList(status.errors)[0]);
  if (!first) return 'WhatsApp reported the message as failed without an error.';
  const code = asNumber(first.code);
  if (code === 131047) return `Message ${id} was not delivered: ${WHATSAPP_WINDOW_MESSAGE}.`;
  const detail = asString(asRecord(first.error_data)?.details) ?? asString(first.message) ?? asString(first.title) ?? '';
  return `WhatsApp error ${code ?? 'without a code'}: ${detail}`;
}

function seconds(timestamp: unknown): number {
  // WhatsApp sends seconds as a decimal string; anything else reads as 0 (unknown time).
  const n = typeof timestamp === 'string' || typeof timestamp === 'number' ? Number(timestamp) : NaN;
  return Number.isFinite(n * 1000) ? n * 1000 : 0;
}
