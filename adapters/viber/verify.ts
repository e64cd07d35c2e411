/**
 * Viber callback authentication: `X-Viber-Content-Signature` is the hex HMAC-SHA256 of the raw
 * body keyed with the bot's auth token, without any prefix.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyResult, WebhookRequest } from '../../engine/types.js';
import type { ViberConfig } from './config.js';

/** The signature header (lower-cased, as WebhookRequest headers are). */
export const VIBER_SIGNATURE_HEADER = 'x-viber-content-signature';

/** The hex signature Viber sends for `body`. */
export function viberSignature(body: Buffer | string, authToken: string): string {
  return createHmac('sha256', authToken).update(body).digest('hex');
}

/**
 * Checks the signature before anything reads the body; answers Viber's `webhook` set-up
 * callback directly with 200, since set_webhook only succeeds when that ping gets a 200.
 */
export function verifyViberRequest(req: WebhookRequest, config: ViberConfig): VerifyResult {
  const received = req.headers[VIBER_SIGNATURE_HEADER];
  if (received === undefined || received === '') {
    return { kind: 'reject', status: 401, reason: 'missing X-Viber-Content-Signature header' };
  }
  const expected = createHmac('sha256', config.authToken).update(req.rawBody).digest();
  // Decode the received hex to bytes; a malformed or short value yields a buffer of another
  // length, which fails without timingSafeEqual ever seeing unequal lengths.
  const given = /^[0-9a-fA-F]{64}$/.test(received) ? Buffer.from(received, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'reject', status: 401, reason: 'X-Viber-Content-Signature does not match the body and VIBER_AUTH_TOKEN' };
  }
  if (isWebhookPing(req.rawBody)) return { kind: 'respond', status: 200, body: '' };
  return { kind: 'accept' };
}

/** True for the `{"event":"webhook",…}` callback; the body is signed, so reading it is safe. */
function isWebhookPing(rawBody: Buffer): boolean {
  try {
    const body = JSON.parse(rawBody.toString('utf8')) as { event?: unknown };
    return body?.event === 'webhook';
  } catch {
    // Malformed bodies are parse's to reject with a 400.
    return false;
  }
}
