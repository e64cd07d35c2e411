/**
 * The opening every adapter's parse shares: the verified raw body as JSON, or a ParseError
 * (HTTP 400) that names the platform. Any failure of the JSON reader counts, including a
 * RangeError from a pathologically deep body, so nothing but ParseError leaves here.
 */
import { ParseError } from '../../engine/errors.js';
import type { WebhookRequest } from '../../engine/types.js';

/** Parses `req.rawBody` as UTF-8 JSON with `parseText` (default JSON.parse). */
export function readJsonBody(
  req: WebhookRequest,
  platformName: string,
  parseText: (text: string) => unknown = JSON.parse,
): unknown {
  try {
    return parseText(req.rawBody.toString('utf8'));
  } catch (cause) {
    throw new ParseError(`The ${platformName} webhook body is not valid JSON.`, { cause });
  }
}
