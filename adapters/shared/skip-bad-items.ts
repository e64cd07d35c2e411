/**
 * One bad item must not sink the body it came in: WhatsApp and Messenger batch many events
 * into one POST, and a body that fails is re-sent by the platform forever, so its good
 * events would never run. Each item is read on its own; a failure becomes a SkippedItem the
 * server records (dead letters) before it acknowledges the rest.
 */
import { ParseError } from '../../engine/errors.js';
import type { SkipItem } from '../../engine/types.js';

/**
 * Reads one item with `read`. When it throws and `skip` collects, the item is reported
 * (where it was, why, its event id if known) and yields no events; without `skip` a
 * ParseError fails the whole body, as a plain call to parse expects.
 */
export function readItem<T>(where: string, read: () => T[], skip: SkipItem | undefined, eventId?: string): T[] {
  try {
    return read();
  } catch (err) {
    const reason = `${where}: ${err instanceof Error ? err.message : String(err)}`;
    if (!skip) throw err instanceof ParseError ? new ParseError(reason, { cause: err }) : err;
    skip({ reason, ...(eventId === undefined ? {} : { eventId }) });
    return [];
  }
}

/**
 * The array at `obj[field]`. Absent is an empty list; present but not an array (a
 * `messages` object) is reported to `skip` as a bad item, or fails the body without one.
 */
export function itemList(obj: Record<string, unknown>, field: string, where: string, skip: SkipItem | undefined): unknown[] {
  const value = obj[field];
  if (value === undefined || Array.isArray(value)) return value ?? [];
  return readItem(`${where}.${field}`, () => badItem('is not an array'), skip);
}

/** Throws the ParseError an item reader uses to say the item is not a readable event. */
export function badItem(message: string): never {
  throw new ParseError(message);
}
