/**
 * The Telegram Bot API JSON this adapter reads and writes (a subset; field names as on the
 * wire). Shapes follow grammyjs/types (docs/platforms.md §1).
 */
import { createHash } from 'node:crypto';

/** A Telegram user or bot. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** A chat: private chats share the user's id; group ids are negative. */
export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** A formatting or command span; offsets are in UTF-16 code units. */
export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
}

/** One size of a photo; Telegram lists several, smallest first in practice. */
export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

/** A file Telegram hosts (document, video, audio, voice, sticker). */
export interface TgFile {
  file_id: string;
  file_unique_id: string;
  mime_type?: string;
  file_name?: string;
}

/** An inline keyboard button; Parley uses only callback buttons. */
export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** The markup of an inline keyboard: rows of buttons. */
export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

/** A message (fields Parley reads). */
export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  date: number;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  photo?: TgPhotoSize[];
  document?: TgFile;
  video?: TgFile;
  audio?: TgFile;
  voice?: TgFile;
  sticker?: TgFile;
  location?: { latitude: number; longitude: number; horizontal_accuracy?: number };
  venue?: { location: { latitude: number; longitude: number }; title: string; address: string };
  contact?: { phone_number: string; first_name: string; last_name?: string; user_id?: number };
  reply_markup?: TgInlineKeyboardMarkup;
}

/** A press of an inline keyboard button. */
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  /** Absent for inline-mode messages; `date: 0` when inaccessible. */
  message?: TgMessage;
  inline_message_id?: string;
  chat_instance: string;
  data?: string;
}

/** A membership change; for the bot itself in private chats it means block/unblock. */
export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: { status: string; user: TgUser };
  new_chat_member: { status: string; user: TgUser };
}

/** One webhook POST: `update_id` plus at most one payload field. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

/** Every Bot API answer: `{ ok: true, result }` or an error envelope. */
export type TgResponse<T> =
  | { ok: true; result: T }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };

/** The Bot API methods Parley calls to send. */
export type TgSendMethod =
  | 'sendMessage'
  | 'sendPhoto'
  | 'sendVideo'
  | 'sendAudio'
  | 'sendDocument'
  | 'sendSticker'
  | 'sendLocation'
  | 'sendChatAction';

/** One Bot API call: a method and its JSON parameters. */
export interface TgCall {
  method: TgSendMethod | 'answerCallbackQuery' | 'setWebhook' | 'getWebhookInfo';
  params: Record<string, unknown>;
}

/** What getWebhookInfo reports (fields Parley prints). */
export interface TgWebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  last_error_date?: number;
  last_error_message?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

// Option ids as callback_data, which Telegram caps at 64 bytes: a longer id is replaced by a
// short stable hash. send notes what each hash stands for (AdapterNotes, kept in the store) and
// parse reads the note back, so a press maps to the long id after a restart and on another
// process too. Without a note the press still carries the button's title, which the engine
// matches as a fallback. Flow validation warns about ids over 64 bytes.

/** Telegram's limit on callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Marks hashed data; an id that long would not have needed hashing in the first place. */
const HASH_PREFIX = '#h:';

/** The callback_data for an option id: the id itself when it fits, else `#h:<hash>`. */
export function telegramCallbackData(optionId: string): string {
  if (Buffer.byteLength(optionId, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return optionId;
  return HASH_PREFIX + createHash('sha256').update(optionId, 'utf8').digest('base64url').slice(0, 24);
}

/** True for callback_data that stands for a longer option id (and so has a note). */
export function isHashedCallbackData(data: string): boolean {
  return data.startsWith(HASH_PREFIX);
}
