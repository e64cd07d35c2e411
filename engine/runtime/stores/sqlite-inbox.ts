/**
 * The inbox part of the SQLite store: accept (group-committed with other webhooks of the same
 * tick), the pending queues, the commit's processed mark and the sweep of expired marks.
 */
import type { Database } from 'better-sqlite3';
import type { InboxEntry, InboxPort } from '../ports/inbox-port.js';
import type { InboxRow } from './sqlite-rows.js';
import type { GroupWrite } from './write-batcher.js';

/** Prepares the inbox statements of `db`; `now` is the store's clock (retention). */
export function sqliteInbox(db: Database, now: () => number, write: GroupWrite) {
  const q = {
    markProcessed: db.prepare('UPDATE inbox SET processed = 1, event = NULL WHERE platform = ? AND event_id = ?'),
    findMark: db.prepare('SELECT processed, expires_at FROM inbox WHERE platform = ? AND event_id = ?'),
    deleteMark: db.prepare('DELETE FROM inbox WHERE platform = ? AND event_id = ?'),
    insert: db.prepare(`INSERT INTO inbox (platform, event_id, key, event, accepted_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    pendingFor: db.prepare('SELECT seq, platform, event_id, key, event, accepted_at FROM inbox WHERE key = ? AND processed = 0 ORDER BY seq LIMIT ?'),
    pendingKeys: db.prepare('SELECT key FROM inbox WHERE processed = 0 GROUP BY key ORDER BY MIN(seq) LIMIT ?').pluck(),
    sweep: db.prepare('DELETE FROM inbox WHERE processed = 1 AND expires_at <= ?'),
  };

  const acceptOne = (entry: InboxEntry, retentionMs: number): 'new' | 'duplicate' => {
    const t = now();
    const mark = q.findMark.get(entry.platform, entry.eventId) as { processed: number; expires_at: number } | undefined;
    // An unprocessed entry never expires: dropping it would lose the event.
    if (mark && (mark.processed === 0 || mark.expires_at > t)) return 'duplicate';
    if (mark) q.deleteMark.run(entry.platform, entry.eventId);
    q.insert.run(entry.platform, entry.eventId, entry.key, JSON.stringify(entry.event), entry.acceptedAt, t + retentionMs);
    return 'new';
  };

  const methods: InboxPort = {
    async accept(entry, retentionMs) {
      // Webhook acceptance arrives in bursts: it joins the store's group commit, ahead of the
      // turns' commits (its acknowledgement waits for it).
      return write(() => acceptOne(entry, retentionMs), true);
    },
    async pendingFor(key, limit) {
      return (q.pendingFor.all(key, limit) as InboxRow[]).map((row) => ({
        seq: row.seq, platform: row.platform, eventId: row.event_id, key: row.key, event: JSON.parse(row.event), acceptedAt: row.accepted_at,
      }));
    },
    async pendingKeys(limit) {
      return q.pendingKeys.all(limit) as string[];
    },
  };
  return {
    methods,
    /** Inside a commit's transaction: keeps only the dedup mark of a processed entry. */
    markProcessed(platform: string, eventId: string): void {
      q.markProcessed.run(platform, eventId);
    },
    sweep(at: number): void {
      q.sweep.run(at);
    },
  };
}
