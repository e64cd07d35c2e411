/**
 * A stand-in Viber REST Bot API on loopback: records every call and answers like Viber
 * (`status: 0` with a raw 64-bit message_token; `status: 2` for a wrong auth token). Point
 * VIBER_API_URL at `url` (which already ends in `/pa`).
 */
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './recording-server.js';

export type { RecordedRequest } from './recording-server.js';

/** Options for {@link startViberApi}. */
export interface ViberApiOptions {
  /** When set, requests with another `X-Viber-Auth-Token` answer status 2, as Viber does. */
  authToken?: string;
}

/** A running Viber stand-in; `url` includes the `/pa` prefix of the real API. */
export type ViberApi = RecordingServer;

/** Starts the stand-in on 127.0.0.1 with a free port. */
export async function startViberApi(options: ViberApiOptions = {}): Promise<ViberApi> {
  // Above 2^53, like Viber's, so a client that parses with JSON.parse gets colliding ids.
  let token = 5_491_270_987_643_400_000n;
  let webhook = '';
  const server = await startRecordingServer((req: RecordedRequest) => {
    const given = req.headers['x-viber-auth-token'];
    if (given === undefined || (options.authToken !== undefined && given !== options.authToken)) {
      return { status: 200, body: { status: 2, status_message: 'invalidAuthToken' } };
    }
    const params = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    switch (req.path) {
      case '/pa/send_message':
        token += 1n;
        // A string body keeps the raw integer on the wire.
        return {
          status: 200,
          body: `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"SN-CHAT-07_","billing_status":0}`,
        };
      case '/pa/set_webhook':
        webhook = String(params.url ?? '');
        return {
          status: 200,
          body: { status: 0, status_message: 'ok', event_types: ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] },
        };
      case '/pa/get_account_info':
        return {
          status: 200,
          body: { status: 0, status_message: 'ok', id: 'pa:5491270987643298517', name: 'Parley', webhook, subscribers_count: 0 },
        };
      default:
        return { status: 404, body: { status: 3, status_message: 'badData' } };
    }
  });
  return { ...server, url: `${server.url}/pa` };
}

/** Viber's rate-limit answer (HTTP 200, status 12), for `api.fail(n, viberTooManyRequests())`. */
export function viberTooManyRequests(): { status: number; body: unknown } {
  return { status: 200, body: { status: 12, status_message: 'Too many requests' } };
}
