/**
 * The SQLite schema and its migrations. The schema version lives in `PRAGMA user_version`;
 * opening a database applies, in order, every migration newer than that version.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';

/** One schema step. Versions start at 1 and increase by one. */
export interface SqliteMigration {
  version: number;
  /** Runs inside the migration transaction; must not commit or roll back itself. */
  up(db: Database): void;
}

const V1 = `
CREATE TABLE conversations (
  key TEXT PRIMARY KEY,
  snapshot TEXT NOT NULL,
  flow_version TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- AUTOINCREMENT so a sequence number is never reused, even after sweep deletes the newest row.
CREATE TABLE inbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  event_id TEXT NOT NULL,
  key TEXT NOT NULL,
  -- NULL once processed: the row then only serves as a dedup mark.
  event TEXT,
  accepted_at INTEGER NOT NULL,
  processed INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  UNIQUE (platform, event_id)
);
CREATE INDEX inbox_pending ON inbox (key, seq) WHERE processed = 0;
CREATE INDEX inbox_marks ON inbox (expires_at) WHERE processed = 1;
CREATE TABLE locks (
  key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  platform TEXT NOT NULL,
  recipient TEXT NOT NULL,
  message TEXT NOT NULL,
  task_id TEXT,
  seq INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  not_before INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (not_before);
CREATE TABLE outbox_failed (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  item TEXT NOT NULL,
  error TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
CREATE TABLE timers (
  key TEXT NOT NULL,
  timer_id TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  platform TEXT NOT NULL,
  conversation TEXT NOT NULL,
  PRIMARY KEY (key, timer_id)
);
CREATE INDEX timers_due ON timers (due_at);
CREATE TABLE vault (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);
`;

const V10 = `
ALTER TABLE tasks ADD COLUMN items INTEGER;
ALTER TABLE tasks ADD COLUMN direct_items INTEGER;
ALTER TABLE tasks ADD COLUMN delivered_item_ids TEXT;
ALTER TABLE tasks ADD COLUMN callback_queued INTEGER NOT NULL DEFAULT 0;
UPDATE tasks SET items = json_extract(data, '$.items'), direct_items = json_extract(data, '$.directItems'),
  delivered_item_ids = json_extract(data, '$.countedItems'),
  callback_queued = CASE WHEN json_extract(data, '$.callbackQueued') THEN 1 ELSE 0 END,
  data = json_remove(data, '$.items', '$.directItems', '$.countedItems', '$.callbackQueued', '$.callbackAttempts', '$.callbackDone');
CREATE TABLE callbacks (
  task_id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  not_before INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX callbacks_due ON callbacks (not_before, created_at) WHERE state = 'pending';
`;

/** Every migration, oldest first. Append new ones; never edit a shipped one. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, up: (db) => db.exec(V1) },
  // 2: claims walk each conversation's outbox in order (head-of-line), so index it that way.
  { version: 2, up: (db) => db.exec('CREATE INDEX outbox_conversation ON outbox (key, created_at, seq)') },
  // 3: claims read the outbox in delivery order and stop at the limit, instead of sorting
  // every due item (a backlog of 20,000 made each claim cost ~15 ms).
  { version: 3, up: (db) => db.exec('CREATE INDEX outbox_order ON outbox (created_at, seq, id)') },
  // 4: an item keeps its task's item count (OutboxItem.taskItems), so a send-API task can still
  // finish when a crash between a turn's commit and its report left the task without a count.
  // Nullable: items of no task, and rows written before v4, have none.
  { version: 4, up: (db) => db.exec('ALTER TABLE outbox ADD COLUMN task_items INTEGER') },
  // 5: an item knows whether it is proactive (OutboxItem.proactive; rows of a send-API task
  // written before v5 are), and the sender claims one lane (platform, proactive) at a time in
  // delivery order, so a backlog of one lane is not scanned to claim another.
  {
    version: 5,
    up: (db) =>
      db.exec(`ALTER TABLE outbox ADD COLUMN proactive INTEGER NOT NULL DEFAULT 0;
        UPDATE outbox SET proactive = 1 WHERE task_id IS NOT NULL;
        CREATE INDEX outbox_lane ON outbox (platform, proactive, created_at, seq, id)`),
  },
  // 6: webhook items skipped as unreadable (where and why, never the item), newest kept.
  {
    version: 6,
    up: (db) =>
      db.exec(`CREATE TABLE dead_letters (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        reason TEXT NOT NULL,
        event_id TEXT,
        at INTEGER NOT NULL
      )`),
  },
  // 7: no query reads the outbox by not_before alone any more (claims walk outbox_order or
  // outbox_lane), and every lease and reschedule had to keep that index up to date.
  { version: 7, up: (db) => db.exec('DROP INDEX outbox_due') },
  // 8: flow sources by bot version (a pinned conversation's version can be compiled after a
  // restart) and transcripts (every turn, by conversation and time).
  {
    version: 8,
    up: (db) =>
      db.exec(`CREATE TABLE flow_sources (version TEXT PRIMARY KEY, sources TEXT NOT NULL, stored_at INTEGER NOT NULL);
        CREATE TABLE transcripts (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, at INTEGER NOT NULL, entry TEXT NOT NULL);
        CREATE INDEX transcripts_key ON transcripts (key, at)`),
  },
  // 9: adapter notes (NotePort): small values a platform adapter keeps across restarts, by
  // (platform, key), each until its expiry; sweep deletes the expired ones by the index.
  {
    version: 9,
    up: (db) =>
      db.exec(`CREATE TABLE notes (
        platform TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (platform, key)
      );
      CREATE INDEX notes_expiry ON notes (expires_at)`),
  },
  // 10: a task's counting fields are columns (they rode in its JSON, under the name
  // countedItems for delivered_item_ids, and are moved out of it), and callbacks are records
  // of their own (sqlite-callbacks.ts) instead of outbox items of the '@callback' platform.
  { version: 10, up: (db) => db.exec(V10) },
];

/** Reads the schema version of an open database. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` up to the last of `migrations` and returns the resulting version. Runs in one
 * IMMEDIATE transaction that re-reads the version first, so two processes opening the same
 * new file at once do not both create the tables.
 */
export function migrate(db: Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StoreError('STORE_SCHEMA', `Migration at position ${i} has version ${m.version}; versions must be 1, 2, 3, … in order.`);
    }
  });
  const latest = migrations.length;
  return db
    .transaction(() => {
      const current = schemaVersion(db);
      if (current > latest) {
        throw new StoreError(
          'STORE_SCHEMA',
          `The database is at schema version ${current} but this Parley knows only up to ${latest}; upgrade Parley or point PARLEY_DB at another file.`,
        );
      }
      for (const m of migrations.slice(current)) m.up(db);
      // PRAGMA cannot take a bound parameter; `latest` is a number we computed.
      if (latest !== current) db.pragma(`user_version = ${latest}`);
      return latest;
    })
    .immediate();
}
