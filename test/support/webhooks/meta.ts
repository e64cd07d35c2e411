/**
 * Builds Meta webhook requests the way Meta sends them: signed bodies and body builders for
 * WhatsApp and Messenger, so end-to-end tests can play many users.
 */
import { createHmac } from 'node:crypto';
import type { WebhookRequest } from '../../../engine/types.js';

/** A signed POST, ready for fetch or an adapter. */
export interface SignedMetaBody {
  headers: Record<string, string>;
  body: string;
}

/** Signs `body` (an object or an exact string) with the app secret: `X-Hub-Signature-256`. */
export function signedMetaBody(body: unknown, appSecret: string): SignedMetaBody {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signature = createHmac('sha256', appSecret).update(text, 'utf8').digest('hex');
  return { headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` }, body: text };
}

/** The same signed body as a WebhookRequest, for calling an adapter directly. */
export function metaWebhookRequest(signed: SignedMetaBody): WebhookRequest {
  return { method: 'POST', headers: { ...signed.headers }, query: {}, rawBody: Buffer.from(signed.body, 'utf8') };
}

/** The query string of Meta's GET subscription handshake. */
export function hubChallengeQuery(verifyToken: string, challenge = '1158201444'): string {
  return new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge }).toString();
}

let counter = 0;
/** A unique suffix so every built event has its own dedup id. */
function nextId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}

/** A WhatsApp user the tests play. */
export interface WhatsappUser {
  waId: string;
  name: string;
}

/** Options shared by the WhatsApp builders. */
export interface WhatsappBodyOptions {
  phoneNumberId?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** The wamid; unique by default. */
  id?: string;
}

function whatsappEnvelope(value: Record<string, unknown>, phoneNumberId: string): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '104857600012345',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550199876', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

function whatsappMessage(user: WhatsappUser, fields: Record<string, unknown>, o: WhatsappBodyOptions): Record<string, unknown> {
  return whatsappEnvelope(
    {
      contacts: [{ profile: { name: user.name }, wa_id: user.waId }],
      messages: [
        {
          from: user.waId,
          id: o.id ?? `wamid.test${nextId()}`,
          timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
          ...fields,
        },
      ],
    },
    o.phoneNumberId ?? '112233445566778',
  );
}

/** A WhatsApp notification with one text message from `user`. */
export function whatsappTextBody(user: WhatsappUser, text: string, o: WhatsappBodyOptions = {}): Record<string, unknown> {
  return whatsappMessage(user, { type: 'text', text: { body: text } }, o);
}

/** A WhatsApp notification with a reply-button press (`list: true` for a list row). */
export function whatsappOptionBody(
  user: WhatsappUser,
  option: { id: string; title: string },
  o: WhatsappBodyOptions & { list?: boolean } = {},
): Record<string, unknown> {
  const interactive = o.list
    ? { type: 'list_reply', list_reply: { id: option.id, title: option.title } }
    : { type: 'button_reply', button_reply: { id: option.id, title: option.title } };
  return whatsappMessage(user, { type: 'interactive', interactive }, o);
}

/** A WhatsApp notification with one status (receipt) of a message sent to `waId`. */
export function whatsappStatusBody(
  waId: string,
  wamid: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  o: WhatsappBodyOptions = {},
): Record<string, unknown> {
  return whatsappEnvelope(
    { statuses: [{ id: wamid, status, timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)), recipient_id: waId }] },
    o.phoneNumberId ?? '112233445566778',
  );
}

/** Options shared by the Messenger builders. */
export interface MessengerBodyOptions {
  pageId?: string;
  /** Milliseconds; now by default. */
  timestamp?: number;
  /** The message or postback mid; unique by default. */
  mid?: string;
}

function messengerEnvelope(psid: string, fields: Record<string, unknown>, o: MessengerBodyOptions): Record<string, unknown> {
  const pageId = o.pageId ?? '104729385610234';
  const timestamp = o.timestamp ?? Date.now();
  return {
    object: 'page',
    entry: [{ id: pageId, time: timestamp, messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp, ...fields }] }],
  };
}

/** A Messenger page webhook with one text message from the PSID `psid`. */
export function messengerTextBody(psid: string, text: string, o: MessengerBodyOptions = {}): Record<string, unknown> {
  return messengerEnvelope(psid, { message: { mid: o.mid ?? `m_test${nextId()}`, text } }, o);
}

/** A Messenger quick-reply press: the text is the title, the payload the option id. */
export function messengerQuickReplyBody(
  psid: string,
  option: { id: string; title: string },
  o: MessengerBodyOptions = {},
): Record<string, unknown> {
  return messengerEnvelope(psid, { message: { mid: o.mid ?? `m_test${nextId()}`, text: option.title, quick_reply: { payload: option.id } } }, o);
}

/** A Messenger postback (button template, persistent menu, Get Started). */
export function messengerPostbackBody(psid: string, payload: string, title = payload, o: MessengerBodyOptions = {}): Record<string, unknown> {
  return messengerEnvelope(psid, { postback: { title, payload, mid: o.mid ?? `m_test${nextId()}` } }, o);
}

/** Messenger's Get Started press: the lifecycle start of a conversation on this platform. */
export function messengerGetStartedBody(psid: string, o: MessengerBodyOptions = {}): Record<string, unknown> {
  return messengerPostbackBody(psid, 'GET_STARTED', 'Get Started', o);
}

/** A Messenger delivery receipt for `mids`. */
export function messengerDeliveryBody(psid: string, mids: string[], o: MessengerBodyOptions = {}): Record<string, unknown> {
  return messengerEnvelope(psid, { delivery: { mids, watermark: o.timestamp ?? Date.now() } }, o);
}
