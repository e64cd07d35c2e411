/**
 * OutboundMessage → Bot API calls. Options become an inline keyboard (one button per row,
 * callback_data = option id); long texts are split at 4096 characters, the keyboard riding on
 * the last part; more than 100 options degrade to a numbered text answerable by number.
 *
 * Also here: the Bot API call itself (the token sits in the URL path, so no URL or request is
 * ever put into an error message) and the callback_data of long option ids.
 */
import { createHash } from 'node:crypto';
import { SendError } from '../../engine/errors.js';
import { retryAfterMs } from '../../engine/runtime/http-client.js';
import type { HttpClient, InboundEvent, MediaType, OutboundMessage, SendContext, SendResult } from '../../engine/types.js';
import { numberedOptionsText, splitText, trimTitle } from '../meta/split-text.js';
import type { TelegramConfig } from './config.js';
import type { TgCall, TgMessage, TgResponse, TgSendMethod } from './wire.js';

/** Telegram's limits (shared/PLATFORMS.md §1.3): text, captions, inline keyboard. */
export const TELEGRAM_LIMITS = {
  text: 4096,
  caption: 1024,
  /** An inline keyboard holds at most 100 buttons. */
  buttons: 100,
  /** Not a documented cap; longer button labels are cut off on phones anyway. */
  optionTitle: 64,
} as const;

const MEDIA_METHODS: Record<MediaType, { method: TgSendMethod; field: string; caption: boolean }> = {
  image: { method: 'sendPhoto', field: 'photo', caption: true },
  video: { method: 'sendVideo', field: 'video', caption: true },
  audio: { method: 'sendAudio', field: 'audio', caption: true },
  file: { method: 'sendDocument', field: 'document', caption: true },
  sticker: { method: 'sendSticker', field: 'sticker', caption: false },
};

/** Numeric chat ids go out as numbers, as Telegram documents them; `@channel` names stay strings. */
export function telegramChatId(to: string): number | string {
  if (/^-?\d+$/.test(to)) {
    const id = Number(to);
    if (Number.isSafeInteger(id)) return id;
  }
  return to;
}

/** The Bot API calls one OutboundMessage becomes, in sending order. */
export function renderTelegramMessage(to: string, message: OutboundMessage): TgCall[] {
  const chat_id = telegramChatId(to);
  const texts = (text: string): TgCall[] =>
    splitText(text, TELEGRAM_LIMITS.text).map((part) => ({ method: 'sendMessage', params: { chat_id, text: part } }));
  switch (message.kind) {
    case 'text':
      return texts(message.text);
    case 'typing':
      return [{ method: 'sendChatAction', params: { chat_id, action: 'typing' } }];
    case 'location':
      // sendVenue would show the name but requires an address Parley does not have.
      return [{ method: 'sendLocation', params: { chat_id, latitude: message.latitude, longitude: message.longitude } }];
    case 'media': {
      const m = MEDIA_METHODS[message.mediaType];
      const caption = message.caption ?? '';
      const inline = m.caption && caption !== '' && caption.length <= TELEGRAM_LIMITS.caption;
      const call: TgCall = {
        method: m.method,
        params: { chat_id, [m.field]: message.url, ...(inline ? { caption } : {}) },
      };
      // A caption the media cannot carry follows as ordinary text rather than being lost.
      return caption !== '' && !inline ? [call, ...texts(caption)] : [call];
    }
    case 'options': {
      if (message.options.length > TELEGRAM_LIMITS.buttons) {
        return texts(numberedOptionsText(message.text, message.options.map((o) => o.title)));
      }
      const calls = texts(message.text);
      const last = calls[calls.length - 1]!;
      last.params.reply_markup = {
        inline_keyboard: message.options.map((o) => [
          { text: trimTitle(o.title, TELEGRAM_LIMITS.optionTitle), callback_data: telegramCallbackData(o.id) },
        ]),
      };
      return calls;
    }
  }
}

/** Sends one message to the chat `to`; throws SendError on failure. */
export async function sendTelegramMessage(
  to: string,
  message: OutboundMessage,
  ctx: SendContext<TelegramConfig>,
): Promise<SendResult> {
  const messageIds: string[] = [];
  // One at a time: Telegram shows messages in the order it accepted them.
  for (const call of renderTelegramMessage(to, message)) {
    const result = await callTelegram<TgMessage | true>(ctx.http, ctx.config, call.method, call.params);
    if (typeof result === 'object' && result !== null && typeof result.message_id === 'number') {
      messageIds.push(String(result.message_id));
    }
  }
  return { messageIds };
}

/** Answers a button press so the client stops its spinner; other events need nothing. */
export async function acknowledgeTelegramEvent(event: InboundEvent, ctx: SendContext<TelegramConfig>): Promise<void> {
  const id = event.platformData?.callbackQueryId;
  if (event.kind !== 'option' || typeof id !== 'string') return;
  await callTelegram<true>(ctx.http, ctx.config, 'answerCallbackQuery', { callback_query_id: id });
}

/** Calls `method` with JSON `params` and returns its `result`; throws SendError on any failure. */
export async function callTelegram<T>(
  http: HttpClient,
  config: TelegramConfig,
  method: string,
  params: Record<string, unknown>,
): Promise<T> {
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({
      method: 'POST',
      url: `${config.apiUrl}/bot${config.token}/${method}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split(config.token).join('<token>') : 'unknown error';
    throw new SendError(`Could not reach the Telegram Bot API for ${method} (${reason}); check the network and TELEGRAM_API_URL.`, {
      retryable: true,
      cause,
    });
  }
  let parsed: TgResponse<T> | undefined;
  try {
    parsed = JSON.parse(response.body) as TgResponse<T>;
  } catch {
    parsed = undefined;
  }
  if (response.status >= 200 && response.status < 300 && parsed?.ok === true) return parsed.result;
  throw telegramSendError(method, response.status, parsed, response.headers);
}

/** Maps a failed Bot API answer to a SendError the outbox can act on. */
export function telegramSendError(
  method: string,
  status: number,
  body: TgResponse<unknown> | undefined,
  headers: Record<string, string | string[] | undefined> = {},
): SendError {
  const failure = body && body.ok === false ? body : undefined;
  const code = failure?.error_code ?? status;
  const retryable = status === 429 || status >= 500 || code === 429;
  const retryAfterS = failure?.parameters?.retry_after;
  const retryAfter = retryAfterS !== undefined ? retryAfterS * 1000 : retryAfterMs(headers);
  const description = failure?.description ?? `HTTP ${status} without a Bot API error body`;
  return new SendError(`Telegram refused ${method}: ${description}.${hint(code, description)}`, {
    status,
    retryable,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    platformCode: code,
  });
}

/** What the author or operator can do about the common refusals. */
function hint(code: number, description: string): string {
  if (code === 401) return ' Check TELEGRAM_BOT_TOKEN.';
  if (code === 403 && /blocked/i.test(description)) return ' The user blocked the bot; it cannot message them until they unblock it.';
  if (code === 429) return ' Sending too fast; waiting as Telegram asked.';
  return '';
}

// Option ids as callback_data, which Telegram caps at 64 bytes: longer ids are replaced by
// a short stable hash; a bounded in-process note maps it back when the press arrives. When the
// note is gone (restart, another process), the press still carries the button's title, which
// the engine matches as a fallback. Flow validation warns about ids over 64 bytes.

/** Telegram's limit on callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Marks hashed data; an id that long would not have needed hashing in the first place. */
const HASH_PREFIX = '#h:';
const NOTE_LIMIT = 10_000;
const notes = new Map<string, string>();

/** The callback_data for an option id: the id itself when it fits, else `#h:<hash>`. */
export function telegramCallbackData(optionId: string): string {
  if (Buffer.byteLength(optionId, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return optionId;
  const data = HASH_PREFIX + createHash('sha256').update(optionId, 'utf8').digest('base64url').slice(0, 24);
  notes.delete(data);
  notes.set(data, optionId);
  // Maps keep insertion order, so the first key is the oldest note.
  if (notes.size > NOTE_LIMIT) notes.delete(notes.keys().next().value as string);
  return data;
}

/** The option id behind callback_data: the noted id for hashed data, the data itself otherwise. */
export function optionIdFromCallbackData(data: string): string {
  return notes.get(data) ?? data;
}
