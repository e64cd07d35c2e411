/**
 * A stand-in for the Messenger Send and Profile APIs on loopback: POST /me/messages answers
 * like Graph does (a message_id per message; none for sender actions), and every request is
 * recorded. Point MESSENGER_API_URL at `url`.
 */
import { startRecordingServer, type RecordingServer } from './recording-server.js';
// The Graph error envelope is the same for both Meta platforms; it lives with the WhatsApp stand-in.
import { checkBearer, graphErrorReply } from './whatsapp-api.js';

export type { RecordedRequest } from './recording-server.js';
export { graphErrorReply } from './whatsapp-api.js';

/** Options for {@link startMessengerApi}. */
export interface MessengerApiOptions {
  /** When set, requests without `Authorization: Bearer <token>` get Graph error 190 (401). */
  token?: string;
}

/** Starts the Messenger stand-in on 127.0.0.1, port 0. */
export async function startMessengerApi(options: MessengerApiOptions = {}): Promise<RecordingServer> {
  let sent = 0;
  return startRecordingServer((req) => {
    const auth = checkBearer(req, options.token);
    if (auth) return auth;
    const path = req.path.replace(/^\/v\d+\.\d+/, '');
    if (req.method === 'POST' && path === '/me/messages') {
      const body = (req.body ?? {}) as { recipient?: { id?: string }; sender_action?: string };
      const recipient = body.recipient?.id ?? '';
      if (body.sender_action !== undefined) return { status: 200, body: { recipient_id: recipient } };
      sent += 1;
      return { status: 200, body: { recipient_id: recipient, message_id: `m_STANDIN${String(sent).padStart(6, '0')}` } };
    }
    if (req.method === 'POST' && path === '/me/messenger_profile') return { status: 200, body: { result: 'success' } };
    if (req.method === 'POST' && path === '/me/subscribed_apps') return { status: 200, body: { success: true } };
    if (req.method === 'GET' && path === '/me/subscribed_apps') {
      return { status: 200, body: { data: [{ name: 'Parley', id: '931827465019283', subscribed_fields: ['messages', 'messaging_postbacks'] }] } };
    }
    return graphErrorReply(100, { status: 404, message: `Unknown path components: ${req.method} ${req.path}` });
  });
}
