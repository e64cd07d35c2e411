/**
 * Messenger page webhook → InboundEvents: one loop over entry × messaging. Echoes of the
 * Page's own messages are dropped; Messenger webhooks carry no user name or locale.
 */
import { ParseError } from '../../engine/errors.js';
import type { InboundEvent, MediaType, WebhookRequest } from '../../engine/types.js';
import type { FbInboundAttachment, FbMessagingEvent, FbWebhookBody } from './wire.js';

/** The registry id the events carry. */
export const MESSENGER_PLATFORM = 'messenger';

const MEDIA: Record<string, MediaType> = { image: 'image', audio: 'audio', video: 'video', file: 'file' };

type Base = Omit<Extract<InboundEvent, { kind: 'text' }>, 'kind' | 'text'>;

/** Parses a verified Messenger POST body; throws ParseError when it is not a page webhook. */
export function parseMessengerRequest(req: WebhookRequest): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError('The Messenger webhook body is not valid JSON.', { cause });
  }
  const hook = body as Partial<FbWebhookBody> | null;
  if (typeof hook !== 'object' || hook === null || hook.object !== 'page' || !Array.isArray(hook.entry)) {
    throw new ParseError('The Messenger webhook body needs object "page" and an entry array.');
  }
  const events: InboundEvent[] = [];
  for (const entry of hook.entry) {
    for (const item of Array.isArray(entry?.messaging) ? entry.messaging : []) {
      if (typeof item?.sender?.id !== 'string') continue;
      events.push(...parseMessaging(item));
    }
  }
  return events;
}

function parseMessaging(item: FbMessagingEvent): InboundEvent[] {
  const psid = item.sender.id;
  const base = (eventId: string): Base => ({
    platform: MESSENGER_PLATFORM,
    conversation: psid,
    // Messenger webhooks do not carry the user's name; the profile API would need a call.
    user: { id: psid },
    eventId,
    timestamp: typeof item.timestamp === 'number' ? item.timestamp : 0,
    raw: item,
  });
  const { message, postback, delivery, read } = item;
  if (message) {
    // Echoes are the Page's own sends coming back: never user input.
    if (message.is_echo || typeof message.mid !== 'string') return [];
    if (message.quick_reply) {
      return [{ ...base(message.mid), kind: 'option', optionId: message.quick_reply.payload, ...titled(message.text) }];
    }
    const events: InboundEvent[] = [];
    if (typeof message.text === 'string') events.push({ ...base(message.mid), kind: 'text', text: message.text });
    (message.attachments ?? []).forEach((attachment, i) => {
      // One message may hold several attachments; the first keeps the bare mid.
      const id = events.length === 0 && i === 0 ? message.mid : `${message.mid}:${i}`;
      const event = parseAttachment(attachment, base(id));
      if (event) events.push(event);
    });
    return events;
  }
  if (postback && typeof postback.payload === 'string') {
    // postback.mid exists since Graph v11; older postbacks dedup on sender, time and payload.
    const key = postback.mid ?? `${psid}:${item.timestamp}:${postback.payload}`;
    return [{ ...base(`postback:${key}`), kind: 'option', optionId: postback.payload, ...titled(postback.title) }];
  }
  if (delivery && typeof delivery.watermark === 'number') {
    const event = base(`delivery:${psid}:${delivery.watermark}`);
    event.platformData = { watermark: delivery.watermark };
    return [{ ...event, kind: 'receipt', receipt: 'delivered', messageIds: delivery.mids ?? [] }];
  }
  if (read && typeof read.watermark === 'number') {
    // A read receipt names no messages: everything sent before the watermark has been read.
    const event = base(`read:${psid}:${read.watermark}`);
    event.platformData = { watermark: read.watermark };
    return [{ ...event, kind: 'receipt', receipt: 'read', messageIds: [] }];
  }
  return []; // optins, referrals, reactions, handovers: not for the bot
}

function parseAttachment(attachment: FbInboundAttachment, base: Base): InboundEvent | undefined {
  const payload = attachment?.payload;
  if (attachment?.type === 'location' && payload?.coordinates) {
    return {
      ...base,
      kind: 'location',
      latitude: payload.coordinates.lat,
      longitude: payload.coordinates.long,
      ...(attachment.title === undefined ? {} : { name: attachment.title }),
    };
  }
  const mediaType: MediaType | undefined = payload?.sticker_id !== undefined ? 'sticker' : MEDIA[attachment?.type];
  if (!mediaType || typeof payload?.url !== 'string') return undefined;
  return { ...base, kind: 'media', mediaType, url: payload.url };
}

function titled(title: string | undefined): { title?: string } {
  return title === undefined ? {} : { title };
}
