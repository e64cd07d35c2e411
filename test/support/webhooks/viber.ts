/**
 * Builds Viber callbacks the way Viber sends them: bodies with raw 64-bit message_tokens,
 * signed with X-Viber-Content-Signature, and builders so end-to-end tests can play many users.
 */
import { createHmac } from 'node:crypto';
import type { WebhookRequest } from '../../../engine/types.js';

/** A signed POST, ready for fetch or an adapter. */
export interface SignedViberBody {
  headers: Record<string, string>;
  body: string;
}

/**
 * Serialises `body` (bigint values written as raw integers, as Viber writes message_token) or
 * takes an exact string, and signs it: hex HMAC-SHA256 keyed with the auth token, no prefix.
 */
export function signedViberBody(body: unknown, authToken: string): SignedViberBody {
  const text = typeof body === 'string' ? body : viberJson(body);
  const signature = createHmac('sha256', authToken).update(text, 'utf8').digest('hex');
  return { headers: { 'content-type': 'application/json', 'x-viber-content-signature': signature }, body: text };
}

/** The same signed body as a WebhookRequest, for calling the adapter directly. */
export function viberWebhookRequest(signed: SignedViberBody): WebhookRequest {
  return { method: 'POST', headers: { ...signed.headers }, query: {}, rawBody: Buffer.from(signed.body, 'utf8') };
}

/** JSON.stringify that writes bigints as bare integers. */
export function viberJson(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    marks.push(v.toString());
    return `__bigint_${marks.length - 1}__`;
  });
  return text.replace(/"__bigint_(\d+)__"/g, (_m, i: string) => marks[Number(i)]!);
}

/** A Viber subscriber the tests play. */
export interface ViberTestUser {
  id: string;
  name: string;
  language?: string;
}

/** Options shared by the builders. */
export interface ViberCallbackOptions {
  /** Unique by default, always above 2^53 like Viber's. */
  token?: bigint;
  /** Unix milliseconds; now by default. */
  timestamp?: number;
}

let nextToken = 5_491_270_987_700_000_000n;

function head(event: string, o: ViberCallbackOptions): Record<string, unknown> {
  nextToken += 1n;
  return { event, timestamp: o.timestamp ?? Date.now(), chat_hostname: 'SN-CHAT-07_', message_token: o.token ?? nextToken };
}

function subscriber(user: ViberTestUser): Record<string, unknown> {
  return { id: user.id, name: user.name, country: 'GB', language: user.language ?? 'en', api_version: 10 };
}

/** A text message from `user`, echoing `trackingData` when given. */
export function viberTextBody(user: ViberTestUser, text: string, o: ViberCallbackOptions & { trackingData?: string } = {}): Record<string, unknown> {
  return {
    ...head('message', o),
    sender: subscriber(user),
    message: { type: 'text', text, ...(o.trackingData === undefined ? {} : { tracking_data: o.trackingData }) },
    silent: false,
  };
}

/** A keyboard press: the option id as text, with the tracking_data Parley sent with the keyboard. */
export function viberButtonPressBody(user: ViberTestUser, optionId: string, offered: string[] = [optionId], o: ViberCallbackOptions = {}): Record<string, unknown> {
  return viberTextBody(user, optionId, { ...o, trackingData: JSON.stringify({ parley: { options: offered } }) });
}

/** `subscribed`, `conversation_started` (with `context`) or `unsubscribed` for `user`. */
export function viberLifecycleBody(
  user: ViberTestUser,
  event: 'subscribed' | 'conversation_started' | 'unsubscribed',
  o: ViberCallbackOptions & { context?: string } = {},
): Record<string, unknown> {
  if (event === 'unsubscribed') return { ...head(event, o), user_id: user.id };
  if (event === 'subscribed') return { ...head(event, o), user: subscriber(user) };
  return { ...head(event, o), type: 'open', ...(o.context ? { context: o.context } : {}), user: subscriber(user), subscribed: false };
}
