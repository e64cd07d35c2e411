/** Adapter notes in memory: a Map by (platform, key), each note with its expiry. */
import type { NotePort } from '../ports/note-port.js';

/** The note methods and the sweep of expired notes. */
export function memoryNotes() {
  const notes = new Map<string, { value: string; expiresAt: number }>();
  // The NUL cannot be in a platform name, so two (platform, key) pairs never collide.
  const id = (platform: string, key: string) => `${platform}\u0000${key}`;
  const methods: NotePort = {
    async putNote(platform, key, value, expiresAt) {
      notes.set(id(platform, key), { value, expiresAt });
    },
    async getNote(platform, key, at) {
      const note = notes.get(id(platform, key));
      return note && note.expiresAt > at ? note.value : undefined;
    },
  };
  return {
    methods,
    sweep(at: number): void {
      for (const [k, note] of notes) if (note.expiresAt <= at) notes.delete(k);
    },
  };
}
