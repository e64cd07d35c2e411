/**
 * A stand-in for the Messenger Send and Profile APIs on loopback: POST /me/messages answers
 * like Graph does (a message_id per message; none for sender actions), and every request is
 * recorded. Point MESSENGER_API_URL at `url`.
 */
import type { RecordingServer } from './recording-server.js';
import { startGraphApi, unknownPath } from './graph-api.js';

export type { RecordedRequest } from './recording-server.js';
export { graphErrorReply } from './graph-api.js';

/** Options for {@link startMessengerApi}. */
export interface MessengerApiOptions {
  /** When set, requests without `Authorization: Bearer <token>` get Graph error 190 (401). */
  token?: string;
}

/** Starts the Messenger stand-in on 127.0.0.1, port 0. */
export async function startMessengerApi(options: MessengerApiOptions = {}): Promise<RecordingServer> {
  return startGraphApi(options.token, (req, path, nextSerial) => {
    if (req.method === 'POST' && path === '/me/messages') {
      const body = (req.body ?? {}) as { recipient?: { id?: string }; sender_action?: string };
      const recipient = body.recipient?.id ?? '';
      if (body.sender_action !== undefined) return { status: 200, body: { recipient_id: recipient } };
      return { status: 200, body: { recipient_id: recipient, message_id: `m_STANDIN${nextSerial()}` } };
    }
    if (req.method === 'POST' && path === '/me/messenger_profile') return { status: 200, body: { result: 'success' } };
    if (req.method === 'POST' && path === '/me/subscribed_apps') return { status: 200, body: { success: true } };
    if (req.method === 'GET' && path === '/me/subscribed_apps') {
      return { status: 200, body: { data: [{ name: 'Parley', id: '931827465019283', subscribed_fields: ['messages', 'messaging_postbacks'] }] } };
    }
    return unknownPath(req);
  });
}
