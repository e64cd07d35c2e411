/**
 * The default ConversationStore: one SQLite file through better-sqlite3. Its API is
 * synchronous, which suits us: every method is one short transaction, and a transaction
 * cannot interleave with another call of this process. Several processes may share the file;
 * writes take SQLite's write lock up front (BEGIN IMMEDIATE) and wait out each other through
 * busy_timeout, and locks are rows with an owner and an expiry.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { CommitRequest, CommitResult, ConversationRecord, ConversationStore } from '../store.js';
import { sqliteCallbacks } from './sqlite-callbacks.js';
import { sqliteDeadLetters } from './dead-letter-rows.js';
import { migrate } from './sqlite-schema.js';
import { createSqliteVersionPorts } from './sqlite-versions.js';
import { groupWrites } from './write-batcher.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { protectFiles, toTimer, type TimerRow } from './sqlite-rows.js';
import { sqliteInbox } from './sqlite-inbox.js';
import { sqliteNotes } from './sqlite-notes.js';
import { sqliteOutbox } from './sqlite-outbox.js';
import { sqliteTasks } from './sqlite-tasks.js';
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
  // One group commit for the writes of every concern (write-batcher.ts).
  const write = groupWrites(db);
  const inbox = sqliteInbox(db, now, write);
  const outbox = sqliteOutbox(db, now, write);
  const vault = sqliteVault(db);
  const notes = sqliteNotes(db);
  // Statements are prepared once; each call only binds and runs.
  const q = {
    load: db.prepare('SELECT key, snapshot, flow_version, revision, updated_at FROM conversations WHERE key = ?'),
    revision: db.prepare('SELECT revision FROM conversations WHERE key = ?').pluck(),
    upsert: db.prepare(`INSERT INTO conversations (key, snapshot, flow_version, revision, updated_at)
      VALUES (@key, @snapshot, @flowVersion, @revision, @updatedAt)
      ON CONFLICT (key) DO UPDATE SET snapshot = excluded.snapshot, flow_version = excluded.flow_version,
        revision = excluded.revision, updated_at = excluded.updated_at`),
    deleteTimers: db.prepare('DELETE FROM timers WHERE key = ?'),
    insertTimer: db.prepare(`INSERT OR REPLACE INTO timers (key, timer_id, due_at, platform, conversation)
      VALUES (@key, @timerId, @dueAt, @platform, @conversation)`),
    // One statement: take the row if it is free, expired or already ours; `changes` says if we did.
    lock: db.prepare(`INSERT INTO locks (key, owner, expires_at) VALUES (@key, @owner, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE locks.owner = excluded.owner OR locks.expires_at <= @now`),
    unlock: db.prepare('DELETE FROM locks WHERE key = ? AND owner = ?'),
    dueTimers: db.prepare('SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, key, timer_id LIMIT ?'),
    leaseTimer: db.prepare('UPDATE timers SET due_at = ? WHERE key = ? AND timer_id = ?'),
    sweepLocks: db.prepare('DELETE FROM locks WHERE expires_at <= ?'),
  };

  const commitOne = (req: CommitRequest): CommitResult => {
    const current = (q.revision.get(req.key) as number | undefined) ?? 0;
    if (current !== req.expectedRevision) return { ok: false, reason: 'conflict' };
    // Checked before anything is written: this runs inside a group transaction that other
    // conversations' commits share, so a conflict must leave no trace of this one.
    if (!vault.takeAll(req.vaultTakes)) return { ok: false, reason: 'conflict' };
    const revision = current + 1;
    q.upsert.run({ key: req.key, snapshot: JSON.stringify(req.snapshot ?? null), flowVersion: req.flowVersion, revision, updatedAt: now() });
    if (req.processed) inbox.markProcessed(req.processed.platform, req.processed.eventId);
    const leased = outbox.addReplies(req.key, req.outbox, req.leaseOutboxUntil);
    if (req.timers) {
      q.deleteTimers.run(req.key);
      for (const t of req.timers) q.insertTimer.run(t);
    }
    return leased ? { ok: true, revision, leased } : { ok: true, revision };
  };

  const claimTimers = db.transaction((at: number, limit: number, leaseMs: number) => {
    const rows = q.dueTimers.all(at, limit) as TimerRow[];
    for (const row of rows) q.leaseTimer.run(at + leaseMs, row.key, row.timer_id);
    return rows.map((row) => ({ ...toTimer(row), dueAt: at + leaseMs }));
  });

  const sweep = db.transaction((at: number) => {
    inbox.sweep(at);
    vault.sweep(at);
    notes.sweep(at);
    q.sweepLocks.run(at);
  });

  return {
    ...sqliteDeadLetters(db),
    ...inbox.methods,
    ...outbox.methods,
    // One process per file (README): run several processes on Redis instead.
    multiProcess: false,
    ...createSqliteVersionPorts(db, write),
    async load(key) {
      const row = q.load.get(key) as { key: string; snapshot: string; flow_version: string; revision: number; updated_at: number } | undefined;
      if (!row) return undefined;
      const record: ConversationRecord = {
        key: row.key, snapshot: JSON.parse(row.snapshot), flowVersion: row.flow_version, revision: row.revision, updatedAt: row.updated_at,
      };
      return record;
    },
    async commit(req) {
      // Turns of different conversations that finish together commit together (with the
      // accepts and delivery marks of the same moment); each keeps its own compare-and-set outcome.
      return write(() => commitOne(req));
    },
    async lock(key, owner, ttlMs) {
      const t = now();
      return q.lock.run({ key, owner, expiresAt: t + ttlMs, now: t }).changes === 1;
    },
    async unlock(key, owner) {
      q.unlock.run(key, owner);
    },
    async claimTimers(at, limit, leaseMs) {
      return claimTimers.immediate(at, limit, leaseMs);
    },
    ...vault.methods,
    ...notes.methods,
    ...sqliteTasks(db),
    ...sqliteCallbacks(db),
    async sweep(at) {
      sweep.immediate(at);
    },
    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
