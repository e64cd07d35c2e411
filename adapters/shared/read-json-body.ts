/**
 * The opening every adapter's parse shares: the verified raw body as JSON, or a ParseError
 * (HTTP 400) that names the platform. Any failure of the JSON reader counts, including a
 * RangeError from a pathologically deep body, so nothing but ParseError leaves here.
 */
import { ParseError } from '../../engine/errors.js';
import type { SkipItem, WebhookRequest } from '../../engine/types.js';
import { itemList } from './skip-bad-items.js';
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

/** One item of a Meta envelope and where it sits (`entry[0].messaging[1]`), for skip reasons. */
export interface MetaItem {
  item: unknown;
  where: string;
}

/**
 * Every item of `entry[].<field>` (Messenger's `messaging`, WhatsApp's `changes`), in order.
 * An entry that is not an object has no items; a field that is not an array is reported to
 * `skip` (or fails the body without one).
 */
export function readMetaItems(req: WebhookRequest, platformName: string, object: string, field: string, skip: SkipItem | undefined): MetaItem[] {
  return readMetaEntries(req, platformName, object).flatMap((value, e) => {
    const entry = asRecord(value);
    if (!entry) return [];
    return itemList(entry, field, `entry[${e}]`, skip).map((item, i) => ({ item, where: `entry[${e}].${field}[${i}]` }));
  });
}
