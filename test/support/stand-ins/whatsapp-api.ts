/**
 * A stand-in for the WhatsApp Cloud API on loopback: POST /<phone-number-id>/messages answers
 * like Graph does (a wamid per message), and every request is recorded. Point
 * WHATSAPP_API_URL at `url`.
 */
import type { RecordingServer } from './recording-server.js';
import { graphErrorReply, startGraphApi, unknownPath } from './graph-api.js';

export type { RecordedRequest } from './recording-server.js';
export { checkBearer, graphErrorReply } from './graph-api.js';

/** Options for {@link startWhatsappApi}. */
export interface WhatsappApiOptions {
  /** When set, requests without `Authorization: Bearer <token>` get Graph error 190 (401). */
  token?: string;
  /** When set, only this phone number id is served; others get Graph error 100 (400). */
  phoneNumberId?: string;
}

/** Starts the WhatsApp stand-in on 127.0.0.1, port 0. */
export async function startWhatsappApi(options: WhatsappApiOptions = {}): Promise<RecordingServer> {
  return startGraphApi(options.token, (req, path, nextSerial) => {
    const match = /^\/([^/]+)\/messages$/.exec(path);
    if (req.method !== 'POST' || !match) return unknownPath(req);
    if (options.phoneNumberId !== undefined && match[1] !== options.phoneNumberId) {
      return graphErrorReply(100, { status: 400, message: `Object with ID '${match[1]}' does not exist` });
    }
    const body = (req.body ?? {}) as { to?: string; status?: string };
    // Marking a message as read answers a bare success, not a message id.
    if (body.status === 'read') return { status: 200, body: { success: true } };
    const to = body.to ?? '';
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.STANDIN${nextSerial()}` }],
      },
    };
  });
}
