/**
 * The AdapterNotes a platform adapter gets: the store's NotePort scoped to that platform,
 * with the server's lifetime. A store without notes (one that predates NotePort) gives none,
 * and adapters then do without (a press of a hashed button payload is then matched by its
 * title).
 */
import type { AdapterNotes } from '../types.js';
import type { NotePort } from './ports/note-port.js';
import { decryptSecret, encryptSecret } from './seal.js';

/**
 * How long a note lives: 30 days. A chat keeps a keyboard on the message for as long as the
 * chat exists, so any lifetime ends some presses; 30 days outlasts nearly every menu a person
 * still answers (flows time out long before), while a store of notes from busy bots stays
 * bounded instead of growing forever.
 */
export const ADAPTER_NOTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The notes of `platform`, or undefined when the store keeps none. With `secretKey` (the
 * server always gives it) each value is stored encrypted (AES-256-GCM, as vault secrets): a
 * note may hold what a flow put in an option id, e.g. a member of a user's list, and nothing a
 * user said is kept in plain text at rest. A value that no longer opens (another key) reads
 * as no note; the adapter then does without it.
 */
export function platformNotes(
  store: Partial<NotePort>,
  platform: string,
  now: () => number,
  secretKey?: Buffer,
  lifetimeMs = ADAPTER_NOTE_LIFETIME_MS,
): AdapterNotes | undefined {
  const { putNote, getNote } = store;
  if (typeof putNote !== 'function' || typeof getNote !== 'function') return undefined;
  const close = (value: string) => (secretKey ? encryptSecret(value, secretKey) : value);
  const open = (stored: string | undefined) => {
    if (stored === undefined || !secretKey) return stored;
    try {
      return decryptSecret(stored, secretKey);
    } catch {
      return undefined;
    }
  };
  return {
    put: (key, value) => putNote.call(store, platform, key, close(value), now() + lifetimeMs),
    get: async (key) => open(await getNote.call(store, platform, key, now())),
  };
}
