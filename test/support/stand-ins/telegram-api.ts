/**
 * A stand-in Telegram Bot API on loopback: records every call and answers like Telegram
 * (`{ ok: true, result }` with increasing message ids; 401 for a wrong token, 404 for an
 * unknown method). Point TELEGRAM_API_URL at `url`.
 */
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './recording-server.js';

export type { RecordedRequest } from './recording-server.js';

/** Options for {@link startTelegramApi}. */
export interface TelegramApiOptions {
  /** When set, calls under any other `/bot<token>/` answer 401 Unauthorized, as Telegram does. */
  token?: string;
  /** The first message_id handed out; increases by one per sent message. */
  firstMessageId?: number;
}

/** A running Telegram stand-in. */
export type TelegramApi = RecordingServer;

const SENDS = new Set(['sendMessage', 'sendPhoto', 'sendVideo', 'sendAudio', 'sendDocument', 'sendSticker', 'sendLocation', 'sendVenue']);
const TRUE_METHODS = new Set(['sendChatAction', 'answerCallbackQuery', 'setWebhook', 'deleteWebhook', 'setMyCommands']);

/** Starts the stand-in on 127.0.0.1 with a free port. */
export async function startTelegramApi(options: TelegramApiOptions = {}): Promise<TelegramApi> {
  let messageId = options.firstMessageId ?? 5000;
  let webhook = { url: '', has_custom_certificate: false, pending_update_count: 0 };
  return startRecordingServer((req: RecordedRequest) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.path);
    if (!match) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const [, token, method] = match as unknown as [string, string, string];
    if (options.token !== undefined && token !== options.token) {
      return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    }
    const params = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (SENDS.has(method)) {
      messageId += 1;
      const chatId = params.chat_id;
      return {
        status: 200,
        body: {
          ok: true,
          result: {
            message_id: messageId,
            from: { id: 7311902846, is_bot: true, first_name: 'Parley', username: 'parley_test_bot' },
            chat: { id: chatId, type: typeof chatId === 'number' && chatId < 0 ? 'supergroup' : 'private' },
            date: Math.floor(Date.now() / 1000),
            ...(typeof params.text === 'string' ? { text: params.text } : {}),
            ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
          },
        },
      };
    }
    if (method === 'setWebhook') webhook = { ...webhook, url: String(params.url ?? '') };
    if (TRUE_METHODS.has(method)) return { status: 200, body: { ok: true, result: true } };
    if (method === 'getWebhookInfo') return { status: 200, body: { ok: true, result: webhook } };
    if (method === 'getMe') {
      return { status: 200, body: { ok: true, result: { id: 7311902846, is_bot: true, first_name: 'Parley', username: 'parley_test_bot' } } };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
  });
}

/** Telegram's flood-control answer, for `api.fail(n, telegramTooManyRequests(s))`. */
export function telegramTooManyRequests(retryAfterSeconds: number): { status: number; body: unknown } {
  return {
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfterSeconds}`,
      parameters: { retry_after: retryAfterSeconds },
    },
  };
}
