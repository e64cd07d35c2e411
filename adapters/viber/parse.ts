/**
 * Viber callback → InboundEvents. Viber sends one callback per POST. Keyboard presses arrive
 * as ordinary text messages whose text is the button's ActionBody; the option ids Parley
 * offered ride in tracking_data, which Viber echoes, so a text equal to one of them is a press.
 */
import { ParseError } from '../../engine/errors.js';
import type { EventBase, InboundEvent, ReceiptKind, SkipItem, UserInfo, WebhookRequest } from '../../engine/types.js';
import { readJsonBody } from '../shared/read-json-body.js';
import { badItem, readItem } from '../shared/skip-bad-items.js';
import { asId, asNumber, asRecord, asString } from '../shared/wire-readers.js';
import { parseLosslessJson, type ParleyTrackingData } from './wire.js';

/** The adapter id events carry. */
export const VIBER_PLATFORM = 'viber';

const RECEIPTS: Record<string, ReceiptKind> = { delivered: 'delivered', seen: 'read', failed: 'failed' };

type Json = Record<string, unknown>;

/**
 * Parses a verified callback; throws ParseError on a body that is not a Viber callback. A
 * callback whose content cannot be read (a message without a sender, …) goes to `skip`.
 */
export function parseViberRequest(req: WebhookRequest, _config?: unknown, skip?: SkipItem): InboundEvent[] {
  return parseViberCallback(readJsonBody(req, 'Viber webhook body', parseLosslessJson), skip);
}

/** Turns one parsed callback (tokens as strings) into zero or one events. */
export function parseViberCallback(body: unknown, skip?: SkipItem): InboundEvent[] {
  const cb = asRecord(body);
  const event = asString(cb?.event);
  if (!cb || event === undefined) {
    throw new ParseError('The Viber webhook body has no "event" field: it is not a Viber callback.');
  }
  // Lossless parsing gives a token as a number when it is safe, else as its decimal string.
  const rawToken = cb.message_token;
  const token = typeof rawToken === 'string' || asNumber(rawToken) !== undefined ? String(rawToken) : '';
  // The event name is the sender's text: cut it before it goes into a log line.
  return readItem(`${event.slice(0, 40)} callback`, () => readCallback(cb, event, token), skip, token || undefined);
}

function readCallback(cb: Json, event: string, token: string): InboundEvent[] {
  const timestamp = asNumber(cb.timestamp) ?? 0;
  const base = (user: UserInfo, eventId: string): EventBase => ({
    platform: VIBER_PLATFORM,
    conversation: user.id,
    user,
    eventId,
    timestamp,
    raw: cb,
  });
  switch (event) {
    case 'message': {
      const sender = requireUser(cb.sender, 'message', 'sender');
      const message = asRecord(cb.message);
      if (!message || typeof message.type !== 'string') badItem('The Viber message callback has no "message" object with a type.');
      // A token identifies a message; receipts reuse it, hence the kind prefix.
      return fromMessage(message, base(sender, `msg:${token}`));
    }
    case 'subscribed':
    case 'conversation_started': {
      const user = requireUser(cb.user, event, 'user');
      const b = base(user, `${event}:${token}:${user.id}`);
      if (event === 'subscribed') return [{ ...b, kind: 'lifecycle', lifecycle: 'subscribed' }];
      const context = asString(cb.context);
      return [{ ...b, kind: 'lifecycle', lifecycle: 'started', ...(context ? { payload: context } : {}) }];
    }
    case 'unsubscribed':
    case 'delivered':
    case 'seen':
    case 'failed': {
      const userId = asId(cb.user_id) ?? badItem(`The Viber ${event} callback has no "user_id".`);
      // Delivered and seen share the message's token, and delivered repeats per device.
      const b = base({ id: userId }, `${event}:${token}:${userId}`);
      if (event === 'unsubscribed') return [{ ...b, kind: 'lifecycle', lifecycle: 'unsubscribed' }];
      const desc = asString(cb.desc);
      return [
        {
          ...b,
          kind: 'receipt',
          receipt: RECEIPTS[event]!,
          messageIds: token ? [token] : [],
          ...(desc ? { error: desc } : {}),
        },
      ];
    }
    default:
      // `webhook` (answered by verify) and callback kinds Parley does not use.
      return [];
  }
}

/** A sender or user object as Parley's UserInfo; throws when it is missing. */
function requireUser(value: unknown, event: string, field: string): UserInfo {
  const user = asRecord(value);
  const id = asId(user?.id) ?? badItem(`The Viber ${event} callback has no "${field}" with an id.`);
  const name = asString(user?.name);
  const locale = asString(user?.language);
  return { id, ...(name ? { name } : {}), ...(locale ? { locale } : {}) };
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

function fromMessage(message: Json, b: EventBase): InboundEvent[] {
  if (message.text !== undefined && typeof message.text !== 'string') badItem('message.text is not a string');
  const text = asString(message.text);
  const media = asString(message.media);
  const caption = text ? { caption: text } : {};
  const url = media ? { url: media } : {};
  switch (message.type) {
    case 'text': {
      const said = text ?? '';
      if (offeredOptionIds(asString(message.tracking_data)).includes(said)) return [{ ...b, kind: 'option', optionId: said }];
      return [{ ...b, kind: 'text', text: said }];
    }
    case 'picture':
      return [{ ...b, kind: 'media', mediaType: 'image', ...url, ...caption }];
    case 'video':
      return [{ ...b, kind: 'media', mediaType: 'video', ...url, ...caption }];
    case 'file':
      return [{ ...b, kind: 'media', mediaType: 'file', ...url, ...caption }];
    case 'sticker': {
      const sticker = message.sticker_id;
      const fileId = typeof sticker === 'string' || asNumber(sticker) !== undefined ? String(sticker) : undefined;
      return [{ ...b, kind: 'media', mediaType: 'sticker', ...url, ...(fileId === undefined ? {} : { fileId }) }];
    }
    case 'url':
      // A shared link: the bot sees it as the text the user sent.
      return [{ ...b, kind: 'text', text: media ?? text ?? '' }];
    case 'location': {
      const location = asRecord(message.location);
      const latitude = asNumber(location?.lat);
      const longitude = asNumber(location?.lon);
      if (latitude === undefined || longitude === undefined) return [];
      return [{ ...b, kind: 'location', latitude, longitude }];
    }
    case 'contact': {
      const contact = asRecord(message.contact);
      const phone = asString(contact?.phone_number);
      if (phone === undefined) return [];
      const name = asString(contact?.name);
      return [{ ...b, kind: 'contact', phone, ...(name ? { name } : {}) }];
    }
    default:
      return [];
  }
}
