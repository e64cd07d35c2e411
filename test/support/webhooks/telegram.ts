/**
 * Builds Telegram webhook requests the way Telegram sends them: one Update per POST with the
 * secret-token header, plus Update builders so end-to-end tests can play many users.
 */
import type { WebhookRequest } from '../../../engine/types.js';
import type { TgUpdate, TgUser } from '../../../adapters/telegram/wire.js';

/** A webhook POST, ready for fetch or an adapter. */
export interface SignedTelegramUpdate {
  headers: Record<string, string>;
  body: string;
}

/** The Update as Telegram POSTs it; the secret header is left out when `secret` is undefined. */
export function signedTelegramUpdate(update: unknown, secret?: string): SignedTelegramUpdate {
  const body = typeof update === 'string' ? update : JSON.stringify(update);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  return { headers, body };
}

/** The same POST as a WebhookRequest, for calling the adapter directly. */
export function telegramWebhookRequest(signed: SignedTelegramUpdate): WebhookRequest {
  return { method: 'POST', headers: { ...signed.headers }, query: {}, rawBody: Buffer.from(signed.body, 'utf8') };
}

/** A Telegram user the tests play; private chats share the user's id. */
export interface TelegramTestUser {
  id: number;
  name: string;
  languageCode?: string;
}

/** Options shared by the builders. */
export interface TelegramUpdateOptions {
  /** Unique and increasing by default. */
  updateId?: number;
  /** Unix seconds; now by default. */
  date?: number;
}

let nextUpdateId = 900_000_000;
let nextMessageId = 50_000;

function from(user: TelegramTestUser): TgUser {
  const [first, ...rest] = user.name.split(' ');
  return {
    id: user.id,
    is_bot: false,
    first_name: first ?? user.name,
    ...(rest.length > 0 ? { last_name: rest.join(' ') } : {}),
    ...(user.languageCode ? { language_code: user.languageCode } : {}),
  };
}

function head(o: TelegramUpdateOptions): { update_id: number; date: number } {
  nextUpdateId += 1;
  return { update_id: o.updateId ?? nextUpdateId, date: o.date ?? Math.floor(Date.now() / 1000) };
}

function message(user: TelegramTestUser, fields: Record<string, unknown>, o: TelegramUpdateOptions): TgUpdate {
  const { update_id, date } = head(o);
  nextMessageId += 1;
  return {
    update_id,
    message: {
      message_id: nextMessageId,
      from: from(user),
      chat: { id: user.id, type: 'private', first_name: from(user).first_name },
      date,
      ...fields,
    },
  };
}

/** A private text message from `user`. */
export function telegramTextUpdate(user: TelegramTestUser, text: string, o: TelegramUpdateOptions = {}): TgUpdate {
  return message(user, { text }, o);
}

/** `/command args` with its bot_command entity, as clients send it. */
export function telegramCommandUpdate(user: TelegramTestUser, command: string, args = '', o: TelegramUpdateOptions = {}): TgUpdate {
  const text = args ? `/${command} ${args}` : `/${command}`;
  return message(user, { text, entities: [{ type: 'bot_command', offset: 0, length: command.length + 1 }] }, o);
}

/** A press of the inline button whose callback_data is `data` (titled `title` when given). */
export function telegramButtonPressUpdate(
  user: TelegramTestUser,
  data: string,
  o: TelegramUpdateOptions & { title?: string } = {},
): TgUpdate {
  const { update_id, date } = head(o);
  nextMessageId += 1;
  return {
    update_id,
    callback_query: {
      id: `${user.id}${update_id}`,
      from: from(user),
      message: {
        message_id: nextMessageId,
        chat: { id: user.id, type: 'private' },
        date,
        text: '…',
        ...(o.title ? { reply_markup: { inline_keyboard: [[{ text: o.title, callback_data: data }]] } } : {}),
      },
      chat_instance: '-6720938471625304418',
      data,
    },
  };
}

/** The user blocks (`kicked`) or unblocks (`member`) the bot. */
export function telegramMembershipUpdate(
  user: TelegramTestUser,
  status: 'kicked' | 'member',
  o: TelegramUpdateOptions = {},
): TgUpdate {
  const { update_id, date } = head(o);
  const bot: TgUser = { id: 7311902846, is_bot: true, first_name: 'Parley' };
  return {
    update_id,
    my_chat_member: {
      chat: { id: user.id, type: 'private' },
      from: from(user),
      date,
      old_chat_member: { status: status === 'kicked' ? 'member' : 'kicked', user: bot },
      new_chat_member: { status, user: bot },
    },
  };
}
