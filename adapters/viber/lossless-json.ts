/**
 * JSON parsing that keeps 64-bit integers exact. Viber's `message_token` exceeds 2^53, and
 * plain JSON.parse turns the twelve fixture tokens into one value, so deduplication would drop
 * real events. Integers outside the safe range become decimal strings; all else is a number.
 */
import { parse } from 'lossless-json';

function parseNumber(value: string): number | string {
  if (/^-?\d+$/.test(value) && !Number.isSafeInteger(Number(value))) return value;
  return Number(value);
}

/** JSON.parse, except unsafe integers are returned as their exact decimal string. */
export function parseLosslessJson(text: string): unknown {
  return parse(text, null, parseNumber);
}
