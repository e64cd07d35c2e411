/**
 * The Viber REST Bot API call itself, the lowest layer of the Viber adapter (send.ts and
 * setup.ts use it). It reads the `status` field because Viber reports API errors inside
 * HTTP 200 answers.
 */
import { SendError } from '../../engine/errors.js';
import { retryAfterMs } from '../../engine/runtime/http-client.js';
import type { HttpClient } from '../../engine/types.js';
import type { ViberConfig } from './config.js';
import { parseLosslessJson, type ViberResponse } from './wire.js';

/** Viber's "too many requests" status: the only one worth retrying. */
export const VIBER_STATUS_TOO_MANY_REQUESTS = 12;

/** POSTs `body` and returns the answer when `status` is 0; throws SendError otherwise. */
export async function callViber(http: HttpClient, config: ViberConfig, path: string, body: unknown): Promise<ViberResponse> {
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({
      method: 'POST',
      url: `${config.apiUrl}/${path}`,
      headers: { 'content-type': 'application/json', 'X-Viber-Auth-Token': config.authToken },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : 'unknown error';
    throw new SendError(`Could not reach the Viber API for ${path} (${reason}); check the network and VIBER_API_URL.`, { retryable: true, cause });
  }
  if (response.status < 200 || response.status >= 300) {
    const retryAfter = retryAfterMs(response.headers);
    throw new SendError(`Viber answered HTTP ${response.status} to ${path}.`, {
      status: response.status,
      retryable: response.status === 429 || response.status >= 500,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    });
  }
  let parsed: ViberResponse | undefined;
  try {
    parsed = parseLosslessJson(response.body) as ViberResponse;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed?.status !== 'number') {
    // The message may have gone out; retrying could deliver it twice.
    throw new SendError(`Viber answered ${path} with a body that has no status.`, { status: response.status, retryable: false });
  }
  if (parsed.status !== 0) {
    throw new SendError(`Viber refused ${path}: ${parsed.status_message} (status ${parsed.status}).${hint(parsed.status)}`, {
      status: response.status,
      retryable: parsed.status === VIBER_STATUS_TOO_MANY_REQUESTS,
      platformCode: parsed.status,
    });
  }
  return parsed;
}

function hint(status: number): string {
  if (status === 2) return ' Check VIBER_AUTH_TOKEN.';
  if (status === 5 || status === 6) return ' The user is not subscribed to the bot, so it cannot message them.';
  if (status === 10) return ' Set the webhook first (parley webhook set viber <url>).';
  if (status === VIBER_STATUS_TOO_MANY_REQUESTS) return ' Too many messages to this user without a reply; backing off.';
  return '';
}
