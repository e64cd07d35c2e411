/**
 * Messenger page webhook → InboundEvents: one loop over entry × messaging. Echoes of the
 * Page's own messages are dropped; Messenger webhooks carry no user name or locale. Each
 * messaging item is read on its own: one that cannot be read goes to `skip`.
 */
import type { InboundEvent, MediaType, SkipItem, WebhookRequest } from '../../engine/types.js';
import { readMetaItems } from '../shared/read-json-body.js';
import { badItem, readItem } from '../shared/skip-bad-items.js';
import { asId, asList, asNumber, asRecord, asString } from '../shared/wire-readers.js';

/** The registry id the events carry. */
export const MESSENGER_PLATFORM = 'messenger';

const MEDIA: Record<string, MediaType> = { image: 'image', audio: 'audio', video: 'video', file: 'file' };

type Base = Omit<Extract<InboundEvent, { kind: 'text' }>, 'kind' | 'text'>;
type Json = Record<string, unknown>;

/** Parses a verified Messenger POST body; throws ParseError when it is not a page webhook. */
export function parseMessengerRequest(req: WebhookRequest, _config?: unknown, skip?: SkipItem): InboundEvent[] {
  return readMetaItems(req, 'Messenger', 'page', 'messaging', skip).flatMap(({ item: value, where }) => {
    const item = asRecord(value);
    const read = () => parseMessaging(item ?? badItem('the messaging item is not an object'));
    return readItem(where, read, skip, asId(asRecord(item?.message)?.mid));
  });
}

function parseMessaging(item: Json): InboundEvent[] {
  const psid = asId(asRecord(item.sender)?.id) ?? badItem('the messaging item has no sender with a string id');
  const timestamp = asNumber(item.timestamp);
  const base = (eventId: string): Base => ({
    platform: MESSENGER_PLATFORM,
    conversation: psid,
    // Messenger webhooks do not carry the user's name; the profile API would need a call.
    user: { id: psid },
    eventId,
    timestamp: timestamp ?? 0,
    raw: item,
  });
  const message = asRecord(item.message);
  const postback = asRecord(item.postback);
  const delivery = asRecord(item.delivery);
  const read = asRecord(item.read);
  if (message) {
    // Echoes are the Page's own sends coming back: never user input.
    if (message.is_echo) return [];
    const mid = asId(message.mid) ?? badItem('the message has no string "mid"');
    if (message.text !== undefined && typeof message.text !== 'string') badItem('message.text is not a string');
    const text = asString(message.text);
    const quickReply = asRecord(message.quick_reply);
    if (quickReply) {
      const payload = asString(quickReply.payload) ?? badItem('the quick reply has no string "payload"');
      return [{ ...base(mid), kind: 'option', optionId: payload, ...titled(text) }];
    }
    const events: InboundEvent[] = [];
    if (text !== undefined) events.push({ ...base(mid), kind: 'text', text });
    asList(message.attachments).forEach((attachment, i) => {
      // One message may hold several attachments; the first keeps the bare mid.
      const id = events.length === 0 && i === 0 ? mid : `${mid}:${i}`;
      const event = parseAttachment(asRecord(attachment), base(id));
      if (event) events.push(event);
    });
    return events;
  }
  const payload = asString(postback?.payload);
  if (postback && payload !== undefined) {
    // postback.mid exists since Graph v11; older postbacks dedup on sender, time and payload.
    const key = asId(postback.mid) ?? `${psid}:${timestamp}:${payload}`;
    return [{ ...base(`postback:${key}`), kind: 'option', optionId: payload, ...titled(asString(postback.title)) }];
  }
  const deliveredUpTo = asNumber(delivery?.watermark);
  if (deliveredUpTo !== undefined) {
    const event = base(`delivery:${psid}:${deliveredUpTo}`);
    event.platformData = { watermark: deliveredUpTo };
    const mids = asList(delivery?.mids).filter((mid): mid is string => typeof mid === 'string');
    return [{ ...event, kind: 'receipt', receipt: 'delivered', messageIds: mids }];
  }
  const readUpTo = asNumber(read?.watermark);
  if (readUpTo !== undefined) {
    // A read receipt names no messages: everything sent before the watermark has been read.
    const event = base(`read:${psid}:${readUpTo}`);
    event.platformData = { watermark: readUpTo };
    return [{ ...event, kind: 'receipt', receipt: 'read', messageIds: [] }];
  }
  return []; // optins, referrals, reactions, handovers: not for the bot
}

function parseAttachment(attachment: Json | undefined, base: Base): InboundEvent | undefined {
  const payload = asRecord(attachment?.payload);
  const type = asString(attachment?.type) ?? '';
  const coordinates = asRecord(payload?.coordinates);
  const latitude = asNumber(coordinates?.lat);
  const longitude = asNumber(coordinates?.long);
  if (type === 'location' && latitude !== undefined && longitude !== undefined) {
    const name = asString(attachment?.title);
    return { ...base, kind: 'location', latitude, longitude, ...(name === undefined ? {} : { name }) };
  }
  // Own keys only: a type named "constructor" must not find Object's.
  const mediaType: MediaType | undefined =
    payload?.sticker_id !== undefined ? 'sticker' : Object.hasOwn(MEDIA, type) ? MEDIA[type] : undefined;
  const url = asString(payload?.url);
  if (!mediaType || url === undefined) return undefined;
  return { ...base, kind: 'media', mediaType, url };
}

function titled(title: string | undefined): { title?: string } {
  return title === undefined ? {} : { title };
}
