/**
 * Option ids as `callback_data`, which Telegram caps at 64 bytes. Longer ids are replaced by
 * a short stable hash; a bounded in-process note maps it back when the press arrives. When the
 * note is gone (restart, another process), the press still carries the button's title, which
 * the engine matches as a fallback. Flow validation warns about ids over 64 bytes.
 */
import { createHash } from 'node:crypto';

/** Telegram's limit on callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Marks hashed data; an id that long would not have needed hashing in the first place. */
const HASH_PREFIX = '#h:';
const NOTE_LIMIT = 10_000;
const notes = new Map<string, string>();

/** The callback_data for an option id: the id itself when it fits, else `#h:<hash>`. */
export function telegramCallbackData(optionId: string): string {
  if (Buffer.byteLength(optionId, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return optionId;
  const data = HASH_PREFIX + createHash('sha256').update(optionId, 'utf8').digest('base64url').slice(0, 24);
  notes.delete(data);
  notes.set(data, optionId);
  // Maps keep insertion order, so the first key is the oldest note.
  if (notes.size > NOTE_LIMIT) notes.delete(notes.keys().next().value as string);
  return data;
}

/** The option id behind callback_data: the noted id for hashed data, the data itself otherwise. */
export function optionIdFromCallbackData(data: string): string {
  return notes.get(data) ?? data;
}
