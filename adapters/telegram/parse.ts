/**
 * Telegram webhook body → InboundEvents. Telegram sends exactly one Update per POST; updates
 * the bot does not act on (edits, channel posts, inline queries, …) yield no event.
 */
import { ParseError } from '../../engine/errors.js';
import type { EventBase, InboundEvent, UserInfo, WebhookRequest } from '../../engine/types.js';
import { optionIdFromCallbackData } from './send.js';
import type { TgCallbackQuery, TgChatMemberUpdated, TgMessage, TgUpdate, TgUser } from './wire.js';

/** The adapter id events carry. */
export const TELEGRAM_PLATFORM = 'telegram';

/** Parses a verified webhook request; throws ParseError on a body that is not an Update. */
export function parseTelegramRequest(req: WebhookRequest): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError('The Telegram webhook body is not valid JSON.', { cause });
  }
  return parseUpdate(body);
}

/** Turns one Update into zero or one events. */
export function parseUpdate(body: unknown): InboundEvent[] {
  if (typeof body !== 'object' || body === null || typeof (body as TgUpdate).update_id !== 'number') {
    throw new ParseError('The Telegram webhook body has no numeric update_id: it is not a Telegram Update.');
  }
  const update = body as TgUpdate;
  // update_id is unique across every kind of update, so it is the dedup key as is.
  const eventId = String(update.update_id);
  if (update.message) return fromMessage(update.message, eventId);
  if (update.callback_query) return fromCallbackQuery(update.callback_query, eventId);
  if (update.my_chat_member) return fromMembership(update.my_chat_member, eventId);
  return [];
}

/** The user as Parley sees them: full name and language when Telegram gives them. */
export function telegramUser(from: TgUser): UserInfo {
  const name = [from.first_name, from.last_name].filter((part) => part).join(' ');
  const user: UserInfo = { id: String(from.id) };
  if (name) user.name = name;
  if (from.language_code) user.locale = from.language_code;
  return user;
}

function base(conversation: number, from: TgUser | undefined, date: number, eventId: string, raw: unknown): EventBase {
  return {
    platform: TELEGRAM_PLATFORM,
    conversation: String(conversation),
    // Anonymous group admins and channel posts have no sender; the chat stands in for it.
    user: from ? telegramUser(from) : { id: String(conversation) },
    eventId,
    timestamp: date * 1000,
    raw,
  };
}

function fromMessage(message: TgMessage, eventId: string): InboundEvent[] {
  const b = base(message.chat.id, message.from, message.date, eventId, message);
  if (message.text !== undefined) {
    const command = readCommand(message);
    if (command) return [{ ...b, kind: 'command', ...command, text: message.text }];
    return [{ ...b, kind: 'text', text: message.text }];
  }
  const caption = message.caption === undefined ? {} : { caption: message.caption };
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
    return [{ ...b, kind: 'media', mediaType: 'image', fileId: largest.file_id, ...caption }];
  }
  const files = [
    ['document', 'file'],
    ['video', 'video'],
    ['audio', 'audio'],
    ['voice', 'audio'],
    ['sticker', 'sticker'],
  ] as const;
  for (const [field, mediaType] of files) {
    const file = message[field];
    if (file) {
      const mime = file.mime_type === undefined ? {} : { mimeType: file.mime_type };
      return [{ ...b, kind: 'media', mediaType, fileId: file.file_id, ...mime, ...caption }];
    }
  }
  if (message.venue) {
    const { location, title, address } = message.venue;
    return [{ ...b, kind: 'location', latitude: location.latitude, longitude: location.longitude, name: title, address }];
  }
  if (message.location) {
    return [{ ...b, kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude }];
  }
  if (message.contact) {
    const c = message.contact;
    const name = [c.first_name, c.last_name].filter((part) => part).join(' ');
    return [
      {
        ...b,
        kind: 'contact',
        phone: c.phone_number,
        ...(name ? { name } : {}),
        ...(c.user_id === undefined ? {} : { contactUserId: String(c.user_id) }),
      },
    ];
  }
  return [];
}

/** `/name@bot args` when a bot_command entity starts the text. */
function readCommand(message: TgMessage): { name: string; args: string } | undefined {
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity || message.text === undefined) return undefined;
  const token = message.text.slice(1, entity.length);
  const at = token.indexOf('@');
  return {
    name: at >= 0 ? token.slice(0, at) : token,
    args: message.text.slice(entity.length).trim(),
  };
}

function fromCallbackQuery(query: TgCallbackQuery, eventId: string): InboundEvent[] {
  // Inline-mode messages have no chat; the presser's private chat is where replies can go.
  const chatId = query.message?.chat.id ?? query.from.id;
  // A press carries no date of its own: the message's date is the closest Telegram gives, and
  // inaccessible (date 0) or inline messages fall back to the arrival time.
  const date = query.message && query.message.date > 0 ? query.message.date : Math.floor(Date.now() / 1000);
  const data = query.data ?? '';
  const button = query.message?.reply_markup?.inline_keyboard.flat().find((btn) => btn.callback_data === data);
  return [
    {
      ...base(chatId, query.from, date, eventId, query),
      kind: 'option',
      optionId: optionIdFromCallbackData(data),
      ...(button ? { title: button.text } : {}),
      platformData: { callbackQueryId: query.id },
    },
  ];
}

function fromMembership(change: TgChatMemberUpdated, eventId: string): InboundEvent[] {
  const status = change.new_chat_member.status;
  const b = base(change.chat.id, change.from, change.date, eventId, change);
  if (status === 'kicked' || status === 'left') return [{ ...b, kind: 'lifecycle', lifecycle: 'unsubscribed' }];
  if (status === 'member') return [{ ...b, kind: 'lifecycle', lifecycle: 'subscribed' }];
  return [];
}
