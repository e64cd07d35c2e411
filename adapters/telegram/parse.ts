/**
 * Telegram webhook body → InboundEvents. Telegram sends exactly one Update per POST; updates
 * the bot does not act on (edits, channel posts, inline queries, …) yield no event. Every
 * field is read through the typed readers: a signed update may still hold anything.
 */
import { ParseError } from '../../engine/errors.js';
import type { AdapterNotes, EventBase, InboundEvent, ParseContext, SkipItem, UserInfo, WebhookRequest } from '../../engine/types.js';
import { systemClock } from '../shared/clock.js';
import { readJsonBody } from '../shared/read-json-body.js';
import { badItem, readItem } from '../shared/skip-bad-items.js';
import { asList, asNumber, asRecord, asString } from '../shared/wire-readers.js';
import { isHashedCallbackData } from './wire.js';

/** The adapter id events carry. */
export const TELEGRAM_PLATFORM = 'telegram';

type Json = Record<string, unknown>;

/**
 * Parses a verified webhook request; throws ParseError on a body that is not an Update.
 * An Update whose content cannot be read goes to `skip` (Telegram would re-send a refused
 * update, holding back the ones after it). A press of a button whose long option id was
 * hashed is mapped back through `ctx.notes`, which makes the answer a Promise; everything
 * else is answered synchronously.
 */
export function parseTelegramRequest(
  req: WebhookRequest,
  _config: unknown,
  skip?: SkipItem,
  ctx: ParseContext = {},
): InboundEvent[] | Promise<InboundEvent[]> {
  const events = parseUpdate(readJsonBody(req, 'Telegram webhook body'), skip, ctx.now);
  const notes = ctx.notes;
  if (!notes || !events.some(isHashedPress)) return events;
  return Promise.all(events.map((event) => (isHashedPress(event) ? withNotedOptionId(event, notes) : event)));
}

type OptionEvent = Extract<InboundEvent, { kind: 'option' }>;

function isHashedPress(event: InboundEvent): event is OptionEvent {
  return event.kind === 'option' && isHashedCallbackData(event.optionId);
}

/** The press with the long option id its callback_data stands for; unchanged when there is no note. */
async function withNotedOptionId(event: OptionEvent, notes: AdapterNotes): Promise<InboundEvent> {
  const optionId = await notes.get(event.optionId);
  return optionId === undefined ? event : { ...event, optionId };
}

/** Turns one Update into zero or one events; `now` dates presses Telegram gives no date. */
export function parseUpdate(body: unknown, skip?: SkipItem, now: () => number = systemClock): InboundEvent[] {
  const update = asRecord(body);
  const updateId = asNumber(update?.update_id);
  if (!update || updateId === undefined) {
    throw new ParseError('The Telegram webhook body has no numeric update_id: it is not a Telegram Update.');
  }
  // update_id is unique across every kind of update, so it is the dedup key as is.
  const eventId = String(updateId);
  return readItem(`update ${eventId}`, () => readUpdate(update, eventId, now), skip, eventId);
}

function readUpdate(update: Json, eventId: string, now: () => number): InboundEvent[] {
  if (update.message !== undefined) return fromMessage(need(update.message, 'message'), eventId);
  if (update.callback_query !== undefined) return fromCallbackQuery(need(update.callback_query, 'callback_query'), eventId, now);
  if (update.my_chat_member !== undefined) return fromMembership(need(update.my_chat_member, 'my_chat_member'), eventId);
  return [];
}

/** The user as Parley sees them: full name and language when Telegram gives them. */
export function telegramUser(from: { id: number; first_name?: unknown; last_name?: unknown; language_code?: unknown }): UserInfo {
  const name = [asString(from.first_name), asString(from.last_name)].filter((part) => part).join(' ');
  const user: UserInfo = { id: String(from.id) };
  if (name) user.name = name;
  const locale = asString(from.language_code);
  if (locale) user.locale = locale;
  return user;
}

function need(value: unknown, field: string): Json {
  return asRecord(value) ?? badItem(`"${field}" is not an object`);
}

function numberField(obj: Json, field: string, where: string): number {
  return asNumber(obj[field]) ?? badItem(`${where} has no numeric "${field}"`);
}

/** A sender with a numeric id, or undefined when there is none (anonymous admins). */
function readFrom(value: unknown): { id: number } & Json | undefined {
  const from = asRecord(value);
  if (from === undefined) return undefined;
  return { ...from, id: numberField(from, 'id', '"from"') };
}

function chatId(holder: Json, where: string): number {
  return numberField(need(holder.chat, `${where}.chat`), 'id', `${where}.chat`);
}

function base(conversation: number, from: ({ id: number } & Json) | undefined, date: number, eventId: string, raw: unknown): EventBase {
  return {
    platform: TELEGRAM_PLATFORM,
    conversation: String(conversation),
    // Anonymous group admins and channel posts have no sender; the chat stands in for it.
    user: from ? telegramUser(from) : { id: String(conversation) },
    eventId,
    // A date past what milliseconds can hold would be Infinity, which JSON stores as null.
    timestamp: Number.isFinite(date * 1000) ? date * 1000 : 0,
    raw,
  };
}

function fromMessage(message: Json, eventId: string): InboundEvent[] {
  const b = base(chatId(message, 'message'), readFrom(message.from), asNumber(message.date) ?? 0, eventId, message);
  if (message.text !== undefined && typeof message.text !== 'string') badItem('message.text is not a string');
  const text = asString(message.text);
  if (text !== undefined) {
    const command = readCommand(message, text);
    if (command) return [{ ...b, kind: 'command', ...command, text }];
    return [{ ...b, kind: 'text', text }];
  }
  const captionText = asString(message.caption);
  const caption = captionText === undefined ? {} : { caption: captionText };
  const sizes = asList(message.photo)
    .map(asRecord)
    .filter((size): size is Json => typeof size?.file_id === 'string');
  if (sizes.length > 0) {
    const area = (size: Json) => (asNumber(size.width) ?? 0) * (asNumber(size.height) ?? 0);
    const largest = sizes.reduce((best, size) => (area(size) > area(best) ? size : best));
    return [{ ...b, kind: 'media', mediaType: 'image', fileId: largest.file_id as string, ...caption }];
  }
  const files = [
    ['document', 'file'],
    ['video', 'video'],
    ['audio', 'audio'],
    ['voice', 'audio'],
    ['sticker', 'sticker'],
  ] as const;
  for (const [field, mediaType] of files) {
    const file = asRecord(message[field]);
    const fileId = asString(file?.file_id);
    if (file && fileId !== undefined) {
      const mimeType = asString(file.mime_type);
      return [{ ...b, kind: 'media', mediaType, fileId, ...(mimeType === undefined ? {} : { mimeType }), ...caption }];
    }
  }
  const venue = asRecord(message.venue);
  const place = readPoint(venue?.location) ?? readPoint(message.location);
  if (place) {
    const name = asString(venue?.title);
    const address = asString(venue?.address);
    return [{ ...b, kind: 'location', ...place, ...(name === undefined ? {} : { name }), ...(address === undefined ? {} : { address }) }];
  }
  const contact = asRecord(message.contact);
  const phone = asString(contact?.phone_number);
  if (contact && phone !== undefined) {
    const name = [asString(contact.first_name), asString(contact.last_name)].filter((part) => part).join(' ');
    const userId = asNumber(contact.user_id);
    return [{ ...b, kind: 'contact', phone, ...(name ? { name } : {}), ...(userId === undefined ? {} : { contactUserId: String(userId) }) }];
  }
  return [];
}

function readPoint(value: unknown): { latitude: number; longitude: number } | undefined {
  const point = asRecord(value);
  const latitude = asNumber(point?.latitude);
  const longitude = asNumber(point?.longitude);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

/** `/name@bot args` when a bot_command entity starts the text. */
function readCommand(message: Json, text: string): { name: string; args: string } | undefined {
  const entity = asList(message.entities)
    .map(asRecord)
    .find((e) => e?.type === 'bot_command' && e.offset === 0);
  const length = asNumber(entity?.length);
  if (length === undefined || length < 1) return undefined;
  const token = text.slice(1, length);
  const at = token.indexOf('@');
  return {
    name: at >= 0 ? token.slice(0, at) : token,
    args: text.slice(length).trim(),
  };
}

function fromCallbackQuery(query: Json, eventId: string, now: () => number): InboundEvent[] {
  const from = readFrom(query.from) ?? badItem('callback_query has no "from"');
  const id = asString(query.id) ?? badItem('callback_query has no string "id"');
  const message = asRecord(query.message);
  // Inline-mode messages have no chat; the presser's private chat is where replies can go.
  const chat = message ? chatId(message, 'callback_query.message') : from.id;
  // A press carries no date of its own: the message's date is the closest Telegram gives, and
  // inaccessible (date 0) or inline messages fall back to the arrival time.
  const messageDate = asNumber(message?.date) ?? 0;
  const date = messageDate > 0 ? messageDate : Math.floor(now() / 1000);
  const data = asString(query.data) ?? '';
  const rows = asList(asRecord(message?.reply_markup)?.inline_keyboard);
  const button = rows.flatMap(asList).map(asRecord).find((btn) => btn?.callback_data === data);
  const title = asString(button?.text);
  return [
    {
      ...base(chat, from, date, eventId, query),
      kind: 'option',
      optionId: data,
      ...(title === undefined ? {} : { title }),
      platformData: { callbackQueryId: id },
    },
  ];
}

function fromMembership(change: Json, eventId: string): InboundEvent[] {
  const status = asRecord(change.new_chat_member)?.status;
  const b = base(chatId(change, 'my_chat_member'), readFrom(change.from), asNumber(change.date) ?? 0, eventId, change);
  if (status === 'kicked' || status === 'left') return [{ ...b, kind: 'lifecycle', lifecycle: 'unsubscribed' }];
  if (status === 'member') return [{ ...b, kind: 'lifecycle', lifecycle: 'subscribed' }];
  return [];
}
