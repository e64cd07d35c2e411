/**
 * A stand-in for the WhatsApp Cloud API on loopback: POST /<phone-number-id>/messages answers
 * like Graph does (a wamid per message), and every request is recorded. Point
 * WHATSAPP_API_URL at `url`.
 */
import { startRecordingServer, type RecordedRequest, type RecordingServer, type StandInReply } from './recording-server.js';

export type { RecordedRequest } from './recording-server.js';

// Graph answers shared with the Messenger stand-in, so tests can
// `fail(n, graphErrorReply(130429, { status: 429 }))` the way Meta fails.

/** A Graph error reply: `{"error":{"message":"(#code) …","code":…}}`. */
export function graphErrorReply(
  code: number,
  options: { status?: number; subcode?: number; message?: string; retryAfterSeconds?: number } = {},
): StandInReply {
  return {
    status: options.status ?? 400,
    body: {
      error: {
        message: `(#${code}) ${options.message ?? 'Stand-in error'}`,
        type: 'OAuthException',
        code,
        ...(options.subcode === undefined ? {} : { error_subcode: options.subcode }),
        error_data: { details: options.message ?? 'Stand-in error' },
        fbtrace_id: 'StandInTrace',
      },
    },
    ...(options.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(options.retryAfterSeconds) } }),
  };
}

/** 401 code 190 unless the request carries `Authorization: Bearer <token>`; undefined when it does. */
export function checkBearer(req: RecordedRequest, token: string | undefined): StandInReply | undefined {
  if (token === undefined || req.headers.authorization === `Bearer ${token}`) return undefined;
  return graphErrorReply(190, { status: 401, message: 'Invalid OAuth access token.' });
}

/** Options for {@link startWhatsappApi}. */
export interface WhatsappApiOptions {
  /** When set, requests without `Authorization: Bearer <token>` get Graph error 190 (401). */
  token?: string;
  /** When set, only this phone number id is served; others get Graph error 100 (400). */
  phoneNumberId?: string;
}

/** Starts the WhatsApp stand-in on 127.0.0.1, port 0. */
export async function startWhatsappApi(options: WhatsappApiOptions = {}): Promise<RecordingServer> {
  let sent = 0;
  return startRecordingServer((req) => {
    const auth = checkBearer(req, options.token);
    if (auth) return auth;
    const match = /^(?:\/v\d+\.\d+)?\/([^/]+)\/messages$/.exec(req.path);
    if (req.method !== 'POST' || !match) {
      return graphErrorReply(100, { status: 404, message: `Unknown path components: ${req.method} ${req.path}` });
    }
    if (options.phoneNumberId !== undefined && match[1] !== options.phoneNumberId) {
      return graphErrorReply(100, { status: 400, message: `Object with ID '${match[1]}' does not exist` });
    }
    const body = (req.body ?? {}) as { to?: string; status?: string };
    // Marking a message as read answers a bare success, not a message id.
    if (body.status === 'read') return { status: 200, body: { success: true } };
    sent += 1;
    const to = body.to ?? '';
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.STANDIN${String(sent).padStart(6, '0')}` }],
      },
    };
  });
}
