/**
 * The default ConversationStore: one SQLite file through better-sqlite3. Its API is
 * synchronous, which suits us: every method is one short transaction, and a transaction
 * cannot interleave with another call of this process. Several processes may share the file;
 * writes take SQLite's write lock up front (BEGIN IMMEDIATE) and wait out each other through
 * busy_timeout, and locks are rows with an owner and an expiry.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { ConversationRecord, ConversationStore, InboxEntry, OutboxItem, OutboxLane, TaskRecord } from '../store.js';
import { sqliteDeadLetters } from './dead-letter-rows.js';
import { migrate } from './sqlite-schema.js';
import { createSqliteVersionPorts } from './sqlite-versions.js';
import { batchWrites } from './write-batcher.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { wipeSealed } from '../seal.js';
import { outboxParams, protectFiles, toOutboxItem, toTimer, type InboxRow, type OutboxRow, type TimerRow } from './sqlite-rows.js';
import { sqliteVault } from './sqlite-vault.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file; created with its directory if missing. `:memory:` for a throwaway one. */
  path: string;
  /** Clock for inbox retention, lock expiry and updatedAt; default Date.now. */
  now?: () => number;
  /** How long a write waits for another process's transaction; default 5000 ms. */
  busyTimeoutMs?: number;
}

/** Opens (creating and migrating if needed) a SQLite-backed store. */
export function openSqliteStore(options: SqliteStoreOptions): ConversationStore {
  const now = options.now ?? Date.now;
  if (options.path !== ':memory:') protectFiles(options.path);
  const db = new BetterSqlite3(options.path);
  // WAL lets the sender read while a turn commits. synchronous=NORMAL skips the fsync per
  // commit: a committed transaction survives a crash of the process (kill -9), which is the
  // failure we design for; only a power loss or OS crash can drop the last few commits.
  try {
    // busy_timeout first: the WAL switch and the migration may wait for another process.
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoints run in a worker thread (sqlite-checkpointer.ts), never inside a commit.
    if (options.path !== ':memory:') db.pragma('wal_autocheckpoint = 0');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }

  const checkpointer = options.path !== ':memory:' ? startCheckpointer(options.path) : undefined;
  const vault = sqliteVault(db);
  // Statements are prepared once; each call only binds and runs.
  const q = {
    load: db.prepare('SELECT key, snapshot, flow_version, revision, updated_at FROM conversations WHERE key = ?'),
    revision: db.prepare('SELECT revision FROM conversations WHERE key = ?').pluck(),
    upsert: db.prepare(`INSERT INTO conversations (key, snapshot, flow_version, revision, updated_at)
      VALUES (@key, @snapshot, @flowVersion, @revision, @updatedAt)
      ON CONFLICT (key) DO UPDATE SET snapshot = excluded.snapshot, flow_version = excluded.flow_version,
        revision = excluded.revision, updated_at = excluded.updated_at`),
    markProcessed: db.prepare('UPDATE inbox SET processed = 1, event = NULL WHERE platform = ? AND event_id = ?'),
    insertOutbox: db.prepare(`INSERT OR REPLACE INTO outbox
      (id, key, platform, recipient, message, task_id, task_items, proactive, seq, attempts, not_before, created_at)
      VALUES (@id, @key, @platform, @recipient, @message, @task_id, @task_items, @proactive, @seq, @attempts, @not_before, @created_at)`),
    deleteTimers: db.prepare('DELETE FROM timers WHERE key = ?'),
    insertTimer: db.prepare(`INSERT OR REPLACE INTO timers (key, timer_id, due_at, platform, conversation)
      VALUES (@key, @timerId, @dueAt, @platform, @conversation)`),
    findMark: db.prepare('SELECT processed, expires_at FROM inbox WHERE platform = ? AND event_id = ?'),
    deleteMark: db.prepare('DELETE FROM inbox WHERE platform = ? AND event_id = ?'),
    insertInbox: db.prepare(`INSERT INTO inbox (platform, event_id, key, event, accepted_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    pendingFor: db.prepare('SELECT seq, platform, event_id, key, event, accepted_at FROM inbox WHERE key = ? AND processed = 0 ORDER BY seq LIMIT ?'),
    pendingKeys: db.prepare('SELECT key FROM inbox WHERE processed = 0 GROUP BY key ORDER BY MIN(seq) LIMIT ?').pluck(),
    // One statement: take the row if it is free, expired or already ours; `changes` says if we did.
    lock: db.prepare(`INSERT INTO locks (key, owner, expires_at) VALUES (@key, @owner, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE locks.owner = excluded.owner OR locks.expires_at <= @now`),
    unlock: db.prepare('DELETE FROM locks WHERE key = ? AND owner = ?'),
    // Head-of-line: an item is due only when no earlier item of its conversation is waiting
    // (for a retry or a lease), so one conversation's replies never overtake each other.
    dueOutbox: db.prepare(
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
    leaseOutbox: db.prepare('UPDATE outbox SET not_before = ? WHERE id = ?'),
    deleteOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
    getOutbox: db.prepare('SELECT * FROM outbox WHERE id = ?'),
    reschedule: db.prepare('UPDATE outbox SET not_before = ?, attempts = ? WHERE id = ?'),
    insertFailed: db.prepare('INSERT INTO outbox_failed (id, item, error, failed_at) VALUES (?, ?, ?, ?)'),
    failed: db.prepare('SELECT item, error FROM outbox_failed ORDER BY n DESC LIMIT ?'),
    dueTimers: db.prepare('SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, key, timer_id LIMIT ?'),
    leaseTimer: db.prepare('UPDATE timers SET due_at = ? WHERE key = ? AND timer_id = ?'),
    putTask: db.prepare('INSERT OR REPLACE INTO tasks (id, data) VALUES (?, ?)'),
    getTask: db.prepare('SELECT data FROM tasks WHERE id = ?').pluck(),
    sweepInbox: db.prepare('DELETE FROM inbox WHERE processed = 1 AND expires_at <= ?'),
    sweepLocks: db.prepare('DELETE FROM locks WHERE expires_at <= ?'),
  };

  const commitOne = (req: Parameters<ConversationStore['commit']>[0]) => {
    const current = (q.revision.get(req.key) as number | undefined) ?? 0;
    if (current !== req.expectedRevision) return { ok: false as const, reason: 'conflict' as const };
    // Checked before anything is written: this runs inside a group transaction that other
    // conversations' commits share, so a conflict must leave no trace of this one.
    if (!vault.takeAll(req.vaultTakes)) return { ok: false as const, reason: 'conflict' as const };
    const revision = current + 1;
    q.upsert.run({ key: req.key, snapshot: JSON.stringify(req.snapshot ?? null), flowVersion: req.flowVersion, revision, updatedAt: now() });
    if (req.processed) q.markProcessed.run(req.processed.platform, req.processed.eventId);
    for (const item of req.outbox) q.insertOutbox.run(outboxParams(item));
    if (req.timers) {
      q.deleteTimers.run(req.key);
      for (const t of req.timers) q.insertTimer.run(t);
    }
    return { ok: true as const, revision };
  };

  const acceptOne = (entry: InboxEntry, retentionMs: number): 'new' | 'duplicate' => {
    const t = now();
    const mark = q.findMark.get(entry.platform, entry.eventId) as { processed: number; expires_at: number } | undefined;
    // An unprocessed entry never expires: dropping it would lose the event.
    if (mark && (mark.processed === 0 || mark.expires_at > t)) return 'duplicate';
    if (mark) q.deleteMark.run(entry.platform, entry.eventId);
    q.insertInbox.run(entry.platform, entry.eventId, entry.key, JSON.stringify(entry.event), entry.acceptedAt, t + retentionMs);
    return 'new';
  };

  // Webhook acceptance and delivery marks arrive in bursts: group them into one transaction.
  const acceptMany = db.transaction((inputs: [InboxEntry, number][]) => inputs.map(([entry, retentionMs]) => acceptOne(entry, retentionMs)));
  const acceptBatched = batchWrites(acceptMany.immediate);
  // Turns of different conversations that finish together commit together; each keeps its
  // own compare-and-set outcome.
  const commitMany = db.transaction((reqs: Parameters<ConversationStore['commit']>[0][]) => reqs.map(commitOne));
  const commitBatched = batchWrites(commitMany.immediate);
  const markSentMany = db.transaction((ids: string[]) => ids.map((id) => q.deleteOutbox.run(id).changes));
  const markSentBatched = batchWrites(markSentMany.immediate);

  const claimOutbox = db.transaction((at: number, limit: number, leaseMs: number, lane?: OutboxLane) => {
    const rows = (
      lane ? q.dueLane.all({ at, limit, platform: lane.platform, proactive: lane.proactive ? 1 : 0 }) : q.dueOutbox.all({ at, limit })
    ) as OutboxRow[];
    for (const row of rows) q.leaseOutbox.run(at + leaseMs, row.id);
    return rows.map((row) => ({ ...toOutboxItem(row), notBefore: at + leaseMs }));
  });

  const markFailed = db.transaction((id: string, error: string) => {
    const row = q.getOutbox.get(id) as OutboxRow | undefined;
    if (!row) return;
    q.deleteOutbox.run(id);
    const item = toOutboxItem(row);
    q.insertFailed.run(id, JSON.stringify({ ...item, message: wipeSealed(item.message) }), error, now());
  });

  const enqueue = db.transaction((items: OutboxItem[]) => {
    for (const item of items) q.insertOutbox.run(outboxParams(item));
  });

  const claimTimers = db.transaction((at: number, limit: number, leaseMs: number) => {
    const rows = q.dueTimers.all(at, limit) as TimerRow[];
    for (const row of rows) q.leaseTimer.run(at + leaseMs, row.key, row.timer_id);
    return rows.map((row) => ({ ...toTimer(row), dueAt: at + leaseMs }));
  });

  const sweep = db.transaction((at: number) => {
    q.sweepInbox.run(at);
    vault.sweep(at);
    q.sweepLocks.run(at);
  });


  return {
    ...sqliteDeadLetters(db),
    // One process per file (README): run several processes on Redis instead.
    multiProcess: false,
    ...createSqliteVersionPorts(db),
    async load(key) {
      const row = q.load.get(key) as { key: string; snapshot: string; flow_version: string; revision: number; updated_at: number } | undefined;
      if (!row) return undefined;
      const record: ConversationRecord = {
        key: row.key, snapshot: JSON.parse(row.snapshot), flowVersion: row.flow_version, revision: row.revision, updatedAt: row.updated_at,
      };
      return record;
    },
    async commit(req) {
      return commitBatched(req);
    },
    async accept(entry, retentionMs) {
      return acceptBatched([entry, retentionMs]);
    },
    async pendingFor(key, limit) {
      return (q.pendingFor.all(key, limit) as InboxRow[]).map((row) => ({
        seq: row.seq, platform: row.platform, eventId: row.event_id, key: row.key, event: JSON.parse(row.event), acceptedAt: row.accepted_at,
      }));
    },
    async pendingKeys(limit) {
      return q.pendingKeys.all(limit) as string[];
    },
    async lock(key, owner, ttlMs) {
      const t = now();
      return q.lock.run({ key, owner, expiresAt: t + ttlMs, now: t }).changes === 1;
    },
    async unlock(key, owner) {
      q.unlock.run(key, owner);
    },
    async claimOutbox(at, limit, leaseMs, lane) {
      return claimOutbox.immediate(at, limit, leaseMs, lane);
    },
    async outboxBacklog() {
      return (q.backlog.all() as { platform: string; size: number; oldest: number }[]).map((r) => ({
        platform: r.platform, size: r.size, oldestCreatedAt: r.oldest,
      }));
    },
    async markSent(id) {
      await markSentBatched(id);
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
    async claimTimers(at, limit, leaseMs) {
      return claimTimers.immediate(at, limit, leaseMs);
    },
    ...vault.methods,
    async putTask(task: TaskRecord) {
      q.putTask.run(task.id, JSON.stringify(task));
    },
    async getTask(id) {
      const data = q.getTask.get(id) as string | undefined;
      return data === undefined ? undefined : (JSON.parse(data) as TaskRecord);
    },
    async sweep(at) {
      sweep.immediate(at);
    },
    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
