/**
 * Adapter notes: small key/value records a platform adapter keeps durably (see AdapterNotes in
 * engine/types.ts). Every store implements this port; the server scopes it by platform and
 * hands the adapter an AdapterNotes.
 */
export interface NotePort {
  /** Stores (or replaces) a note of `platform` under `key`, kept until `expiresAt` (ms). */
  putNote(platform: string, key: string, value: string, expiresAt: number): Promise<void>;
  /** The note's value, or undefined when there is none or it expired before `now`. */
  getNote(platform: string, key: string, now: number): Promise<string | undefined>;
}
