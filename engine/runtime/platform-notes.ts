/**
 * The AdapterNotes a platform adapter gets: the store's NotePort scoped to that platform,
 * with the server's lifetime. A store without notes (one that predates NotePort) gives none,
 * and adapters then do without (a press of a hashed button payload is then matched by its
 * title).
 */
import type { AdapterNotes } from '../types.js';
import type { NotePort } from './ports/note-port.js';

/**
 * How long a note lives: 30 days. A chat keeps a keyboard on the message for as long as the
 * chat exists, so any lifetime ends some presses; 30 days outlasts nearly every menu a person
 * still answers (flows time out long before), while a store of notes from busy bots stays
 * bounded instead of growing forever.
 */
export const ADAPTER_NOTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** The notes of `platform`, or undefined when the store keeps none. */
export function platformNotes(
  store: Partial<NotePort>,
  platform: string,
  now: () => number,
  lifetimeMs = ADAPTER_NOTE_LIFETIME_MS,
): AdapterNotes | undefined {
  const { putNote, getNote } = store;
  if (typeof putNote !== 'function' || typeof getNote !== 'function') return undefined;
  return {
    put: (key, value) => putNote.call(store, platform, key, value, now() + lifetimeMs),
    get: (key) => getNote.call(store, platform, key, now()),
  };
}
