/**
 * A NotePort in memory, for tests that need a store's adapter notes without a store: what a
 * restart keeps is this object, while the adapter's own modules can be loaded afresh.
 */
import type { NotePort } from '../../engine/runtime/ports/note-port.js';

/** Notes by platform and key, with their expiry. */
export class MemoryNotes implements NotePort {
  readonly notes = new Map<string, { value: string; expiresAt: number }>();

  async putNote(platform: string, key: string, value: string, expiresAt: number): Promise<void> {
    this.notes.set(`${platform}\u0000${key}`, { value, expiresAt });
  }

  async getNote(platform: string, key: string, now: number): Promise<string | undefined> {
    const note = this.notes.get(`${platform}\u0000${key}`);
    return note && note.expiresAt > now ? note.value : undefined;
  }
}
