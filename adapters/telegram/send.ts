/**
 * OutboundMessage → Bot API calls. Options become an inline keyboard (one button per row,
 * callback_data = option id, or a hash of it past 64 bytes, noted so parse can map it back);
 * long texts are split at 4096 characters, the keyboard riding on the last part; more than
 * 100 options degrade to a numbered text answerable by number.
 */
import type { AdapterNotes, InboundEvent, MediaType, OutboundMessage, SendContext, SendResult } from '../../engine/types.js';
import { numberedOptionsParts, splitText, trimTitle } from '../shared/split-text.js';
import { callTelegram } from './client.js';
import type { TelegramConfig } from './config.js';
import { telegramCallbackData, type TgCall, type TgMessage, type TgSendMethod } from './wire.js';

/** Telegram's limits (docs/platforms.md §1.3): text, captions, inline keyboard. */
export const TELEGRAM_LIMITS = {
  text: 4096,
  caption: 1024,
  /** An inline keyboard holds at most 100 buttons. */
  buttons: 100,
  /** All options are buttons, so the native maximum is the keyboard's. */
  options: 100,
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

const textCall = (chat_id: number | string) => (text: string): TgCall => ({ method: 'sendMessage', params: { chat_id, text } });

/** The Bot API calls one OutboundMessage becomes, in sending order. */
export function renderTelegramMessage(to: string, message: OutboundMessage): TgCall[] {
  const chat_id = telegramChatId(to);
  const texts = (text: string): TgCall[] => splitText(text, TELEGRAM_LIMITS.text).map(textCall(chat_id));
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
        return numberedOptionsParts(message.text, message.options, TELEGRAM_LIMITS.text).map(textCall(chat_id));
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
  // The notes first: a press can come as soon as the keyboard is shown.
  if (message.kind === 'options') await noteLongOptionIds(message.options, ctx.notes);
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

/** Notes what each hashed callback_data stands for; ids that fit need no note. */
async function noteLongOptionIds(options: readonly { id: string }[], notes: AdapterNotes | undefined): Promise<void> {
  if (!notes) return;
  for (const { id } of options) {
    const data = telegramCallbackData(id);
    if (data !== id) await notes.put(data, id);
  }
}
