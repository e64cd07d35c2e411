/**
 * The Bot API call itself, the lowest layer of the Telegram adapter (send.ts and setup.ts
 * use it). The token sits in the URL path, so no URL or request is ever put into an error
 * message.
 */
import { SendError } from '../../engine/errors.js';
import { retryAfterMs } from '../../engine/runtime/http-client.js';
import type { HttpClient } from '../../engine/types.js';
import type { TelegramConfig } from './config.js';
import type { TgResponse } from './wire.js';

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
