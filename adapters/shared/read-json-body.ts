/**
 * The opening every adapter's parse shares: the verified raw body as JSON, or a ParseError
 * (HTTP 400) that names the platform. Any failure of the JSON reader counts, including a
 * RangeError from a pathologically deep body, so nothing but ParseError leaves here.
 */
import { ParseError } from '../../engine/errors.js';
import type { WebhookRequest } from '../../engine/types.js';
import { asRecord } from './wire-readers.js';

/**
 * Parses `req.rawBody` as UTF-8 JSON with `parseText` (default JSON.parse). `what` names the
 * body in the error, e.g. "Telegram webhook body".
 */
export function readJsonBody(req: WebhookRequest, what: string, parseText: (text: string) => unknown = JSON.parse): unknown {
  try {
    return parseText(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError(`The ${what} is not valid JSON.`, { cause });
  }
}

/**
 * The Meta webhook envelope (WhatsApp, Messenger): `{ "object": <object>, "entry": [...] }`.
 * Returns the entries; throws ParseError when the body is not JSON or not that envelope.
 */
export function readMetaEntries(req: WebhookRequest, platformName: string, object: string): unknown[] {
  const body = asRecord(readJsonBody(req, `${platformName} webhook body`));
  if (!body || body.object !== object || !Array.isArray(body.entry)) {
    throw new ParseError(`The ${platformName} webhook body needs object "${object}" and an entry array.`);
  }
  return body.entry;
}
