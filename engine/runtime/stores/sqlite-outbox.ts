/**
 * The outbox part of the SQLite store: leased claims in delivery order (all lanes or one),
 * the outcome of each attempt, failed items, and the insert a commit's replies use.
 */
import type { Database } from 'better-sqlite3';
import { wipeSealed } from '../seal.js';
import type { OutboxItem, OutboxLane, OutboxPort } from '../ports/outbox-port.js';
import { outboxParams, toOutboxItem, type OutboxRow } from './sqlite-rows.js';
import type { GroupWrite } from './write-batcher.js';

/** Prepares the outbox statements of `db`; `now` stamps failed items. */
export function sqliteOutbox(db: Database, now: () => number, write: GroupWrite) {
  const q = {
    insert: db.prepare(`INSERT OR REPLACE INTO outbox
      (id, key, platform, recipient, message, task_id, task_items, proactive, seq, attempts, not_before, created_at)
      VALUES (@id, @key, @platform, @recipient, @message, @task_id, @task_items, @proactive, @seq, @attempts, @not_before, @created_at)`),
    // Head-of-line: an item is due only when no earlier item of its conversation is waiting
    // (for a retry or a lease), so one conversation's replies never overtake each other.
    due: db.prepare(
      `SELECT * FROM outbox o INDEXED BY outbox_order WHERE o.not_before <= @at AND NOT EXISTS (
         SELECT 1 FROM outbox e WHERE e.key = o.key AND e.not_before > @at
           AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.seq < o.seq)))
       ORDER BY o.created_at, o.seq, o.id LIMIT @limit`,
    ),
    // One lane in delivery order (its own index): an earlier item of the conversation in the
    // other lane holds this one back as a waiting one does.
    dueLane: db.prepare(
      `SELECT * FROM outbox o INDEXED BY outbox_lane WHERE o.platform = @platform AND o.proactive = @proactive
         AND o.not_before <= @at AND NOT EXISTS (
         SELECT 1 FROM outbox e WHERE e.key = o.key AND (e.not_before > @at OR e.proactive <> @proactive)
           AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.seq < o.seq)))
       ORDER BY o.created_at, o.seq, o.id LIMIT @limit`,
    ),
    backlog: db.prepare('SELECT platform, COUNT(*) AS size, MIN(created_at) AS oldest FROM outbox GROUP BY platform'),
    lease: db.prepare('UPDATE outbox SET not_before = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM outbox WHERE id = ?'),
    get: db.prepare('SELECT * FROM outbox WHERE id = ?'),
    hasKey: db.prepare('SELECT 1 FROM outbox WHERE key = ? LIMIT 1').pluck(),
    reschedule: db.prepare('UPDATE outbox SET not_before = ?, attempts = ? WHERE id = ?'),
    insertFailed: db.prepare('INSERT INTO outbox_failed (id, item, error, failed_at) VALUES (?, ?, ?, ?)'),
    failed: db.prepare('SELECT item, error FROM outbox_failed ORDER BY n DESC LIMIT ?'),
  };

  const add = (items: OutboxItem[]): void => {
    for (const item of items) q.insert.run(outboxParams(item));
  };
  /**
   * A commit's replies: claimed until `until` (given and their conversation has nothing in
   * the outbox), else unclaimed. True when they were written claimed.
   */
  const addReplies = (key: string, items: OutboxItem[], until: number | undefined): boolean => {
    const leased = until !== undefined && items.length > 0 && q.hasKey.get(key) === undefined;
    for (const item of items) q.insert.run(outboxParams(leased ? { ...item, notBefore: until } : item));
    return leased;
  };

  const claim = db.transaction((at: number, limit: number, leaseMs: number, lane?: OutboxLane) => {
    const rows = (
      lane ? q.dueLane.all({ at, limit, platform: lane.platform, proactive: lane.proactive ? 1 : 0 }) : q.due.all({ at, limit })
    ) as OutboxRow[];
    for (const row of rows) q.lease.run(at + leaseMs, row.id);
    return rows.map((row) => ({ ...toOutboxItem(row), notBefore: at + leaseMs }));
  });

  const markFailed = db.transaction((id: string, error: string) => {
    const row = q.get.get(id) as OutboxRow | undefined;
    if (!row) return;
    q.delete.run(id);
    const item = toOutboxItem(row);
    q.insertFailed.run(id, JSON.stringify({ ...item, message: wipeSealed(item.message) }), error, now());
  });

  const enqueue = db.transaction(add);

  const methods: OutboxPort = {
    async claimOutbox(at, limit, leaseMs, lane) {
      return claim.immediate(at, limit, leaseMs, lane);
    },
    async outboxBacklog() {
      return (q.backlog.all() as { platform: string; size: number; oldest: number }[]).map((r) => ({
        platform: r.platform, size: r.size, oldestCreatedAt: r.oldest,
      }));
    },
    async markSent(id) {
      // Delivery marks arrive in bursts: they join the store's group commit.
      await write(() => q.delete.run(id).changes);
    },
    async reschedule(id, notBefore, attempts) {
      q.reschedule.run(notBefore, attempts, id);
    },
    async markFailed(id, error) {
      markFailed.immediate(id, error);
    },
    async failedOutbox(limit) {
      return (q.failed.all(limit) as { item: string; error: string }[]).map((row) => ({ ...JSON.parse(row.item), error: row.error }));
    },
    async enqueue(items) {
      enqueue.immediate(items);
    },
  };
  /** `addReplies` runs inside a commit's transaction. */
  return { methods, addReplies };
}
