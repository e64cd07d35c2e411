/** Adapter notes in the SQLite store: the `notes` table (schema v9), keyed by (platform, key). */
import type { Database } from 'better-sqlite3';
import type { NotePort } from '../ports/note-port.js';

/** Prepares the note statements of `db`; returns the note methods and the sweep of expired notes. */
export function sqliteNotes(db: Database) {
  const q = {
    put: db.prepare('INSERT OR REPLACE INTO notes (platform, key, value, expires_at) VALUES (?, ?, ?, ?)'),
    get: db.prepare('SELECT value FROM notes WHERE platform = ? AND key = ? AND expires_at > ?').pluck(),
    sweep: db.prepare('DELETE FROM notes WHERE expires_at <= ?'),
  };
  const methods: NotePort = {
    async putNote(platform, key, value, expiresAt) {
      q.put.run(platform, key, value, expiresAt);
    },
    async getNote(platform, key, at) {
      return q.get.get(platform, key, at) as string | undefined;
    },
  };
  return {
    methods,
    sweep(at: number): void {
      q.sweep.run(at);
    },
  };
}
