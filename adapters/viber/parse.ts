/**
 * Viber callback → InboundEvents. Viber sends one callback per POST. Keyboard presses arrive
 * as ordinary text messages whose text is the button's ActionBody; the option ids Parley
 * offered ride in tracking_data, which Viber echoes, so a text equal to one of them is a press.
 */
import { ParseError } from '../../engine/errors.js';
import type { EventBase, InboundEvent, ReceiptKind, UserInfo, WebhookRequest } from '../../engine/types.js';
import { parse as parseJson } from 'lossless-json';
import type { ParleyTrackingData, ViberCallback, ViberInboundMessage, ViberUser } from './wire.js';

/** The adapter id events carry. */
export const VIBER_PLATFORM = 'viber';

const RECEIPTS: Record<string, ReceiptKind> = { delivered: 'delivered', seen: 'read', failed: 'failed' };

/** Parses a verified callback; throws ParseError on a body that is not a Viber callback. */
export function parseViberRequest(req: WebhookRequest): InboundEvent[] {
  let body: unknown;
  try {
    body = parseLosslessJson(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError('The Viber webhook body is not valid JSON.', { cause });
  }
  return parseViberCallback(body);
}

/** Turns one parsed callback (tokens as strings) into zero or one events. */
export function parseViberCallback(body: unknown): InboundEvent[] {
  if (typeof body !== 'object' || body === null || typeof (body as ViberCallback).event !== 'string') {
    throw new ParseError('The Viber webhook body has no "event" field: it is not a Viber callback.');
  }
  const cb = body as ViberCallback;
  const token = cb.message_token === undefined ? '' : String(cb.message_token);
  const timestamp = typeof cb.timestamp === 'number' ? cb.timestamp : 0;
  const base = (user: UserInfo, eventId: string): EventBase => ({
    platform: VIBER_PLATFORM,
    conversation: user.id,
    user,
    eventId,
    timestamp,
    raw: cb,
  });
  switch (cb.event) {
    case 'message': {
      const sender = requireUser(cb.sender, 'message', 'sender');
      if (!cb.message || typeof cb.message.type !== 'string') {
        throw new ParseError('The Viber message callback has no "message" object with a type.');
      }
      // A token identifies a message; receipts reuse it, hence the kind prefix.
      return fromMessage(cb.message, base(sender, `msg:${token}`));
    }
    case 'subscribed':
    case 'conversation_started': {
      const user = requireUser(cb.user, cb.event, 'user');
      const b = base(user, `${cb.event}:${token}:${user.id}`);
      if (cb.event === 'subscribed') return [{ ...b, kind: 'lifecycle', lifecycle: 'subscribed' }];
      return [{ ...b, kind: 'lifecycle', lifecycle: 'started', ...(cb.context ? { payload: cb.context } : {}) }];
    }
    case 'unsubscribed':
    case 'delivered':
    case 'seen':
    case 'failed': {
      if (typeof cb.user_id !== 'string') throw new ParseError(`The Viber ${cb.event} callback has no "user_id".`);
      // Delivered and seen share the message's token, and delivered repeats per device.
      const b = base({ id: cb.user_id }, `${cb.event}:${token}:${cb.user_id}`);
      if (cb.event === 'unsubscribed') return [{ ...b, kind: 'lifecycle', lifecycle: 'unsubscribed' }];
      return [
        {
          ...b,
          kind: 'receipt',
          receipt: RECEIPTS[cb.event]!,
          messageIds: token ? [token] : [],
          ...(cb.desc ? { error: cb.desc } : {}),
        },
      ];
    }
    default:
      // `webhook` (answered by verify) and callback kinds Parley does not use.
      return [];
  }
}

/** A sender or user object as Parley's UserInfo; throws when it is missing. */
function requireUser(user: ViberUser | undefined, event: string, field: string): UserInfo {
  if (!user || typeof user.id !== 'string') throw new ParseError(`The Viber ${event} callback has no "${field}" with an id.`);
  return {
    id: user.id,
    ...(user.name ? { name: user.name } : {}),
    ...(user.language ? { locale: user.language } : {}),
  };
}

/** The option ids Parley put in tracking_data, or none when it holds something else. */
export function offeredOptionIds(trackingData: string | undefined): string[] {
  if (!trackingData || !trackingData.startsWith('{')) return [];
  try {
    const data = JSON.parse(trackingData) as Partial<ParleyTrackingData>;
    const ids = data?.parley?.options;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function fromMessage(message: ViberInboundMessage, b: EventBase): InboundEvent[] {
  const caption = message.text ? { caption: message.text } : {};
  switch (message.type) {
    case 'text': {
      const text = message.text ?? '';
      if (offeredOptionIds(message.tracking_data).includes(text)) return [{ ...b, kind: 'option', optionId: text }];
      return [{ ...b, kind: 'text', text }];
    }
    case 'picture':
      return [{ ...b, kind: 'media', mediaType: 'image', ...(message.media ? { url: message.media } : {}), ...caption }];
    case 'video':
      return [{ ...b, kind: 'media', mediaType: 'video', ...(message.media ? { url: message.media } : {}), ...caption }];
    case 'file':
      return [{ ...b, kind: 'media', mediaType: 'file', ...(message.media ? { url: message.media } : {}), ...caption }];
    case 'sticker':
      return [
        {
          ...b,
          kind: 'media',
          mediaType: 'sticker',
          ...(message.media ? { url: message.media } : {}),
          ...(message.sticker_id === undefined ? {} : { fileId: String(message.sticker_id) }),
        },
      ];
    case 'url':
      // A shared link: the bot sees it as the text the user sent.
      return [{ ...b, kind: 'text', text: message.media ?? message.text ?? '' }];
    case 'location':
      if (!message.location) return [];
      return [{ ...b, kind: 'location', latitude: message.location.lat, longitude: message.location.lon }];
    case 'contact':
      if (!message.contact) return [];
      return [
        {
          ...b,
          kind: 'contact',
          phone: message.contact.phone_number,
          ...(message.contact.name ? { name: message.contact.name } : {}),
        },
      ];
    default:
      return [];
  }
}

// Viber's message_token exceeds 2^53, and plain JSON.parse turns the twelve fixture tokens into
// one value, so deduplication would drop real events. Integers outside the safe range become
// exact decimal strings; every other number stays a number.
function parseNumber(value: string): number | string {
  if (/^-?\d+$/.test(value) && !Number.isSafeInteger(Number(value))) return value;
  return Number(value);
}

/** JSON.parse, except unsafe integers are returned as their exact decimal string. */
export function parseLosslessJson(text: string): unknown {
  return parseJson(text, null, parseNumber);
}
