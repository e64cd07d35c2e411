/** Send-API callbacks in the SQLite store: the `callbacks` table (schema v10), one row per task. */
import type { Database } from 'better-sqlite3';
import type { CallbackPort, CallbackRecord } from '../ports/callback-port.js';

interface CallbackRow {
  task_id: string; url: string; body: string; attempts: number; not_before: number; created_at: number;
  last_error: string | null; state: CallbackRecord['state'];
}

function toCallback(row: CallbackRow): CallbackRecord {
  const cb: CallbackRecord = {
    taskId: row.task_id, url: row.url, body: row.body, attempts: row.attempts, notBefore: row.not_before,
    createdAt: row.created_at, state: row.state,
  };
  if (row.last_error !== null) cb.lastError = row.last_error;
  return cb;
}

/** Prepares the callback statements of `db`. */
export function sqliteCallbacks(db: Database): CallbackPort {
  const q = {
    // OR IGNORE: a task's second put (a repeated report) leaves its callback as it is.
    put: db.prepare(`INSERT OR IGNORE INTO callbacks (task_id, url, body, attempts, not_before, created_at)
      VALUES (@taskId, @url, @body, 0, @notBefore, @createdAt)`),
    due: db.prepare(`SELECT * FROM callbacks INDEXED BY callbacks_due WHERE state = 'pending' AND not_before <= ?
      ORDER BY not_before, created_at LIMIT ?`),
    lease: db.prepare('UPDATE callbacks SET not_before = ? WHERE task_id = ?'),
    done: db.prepare(`UPDATE callbacks SET state = 'done' WHERE task_id = ?`),
    reschedule: db.prepare(`UPDATE callbacks SET not_before = ?, attempts = ?, last_error = ? WHERE task_id = ? AND state = 'pending'`),
    failed: db.prepare(`UPDATE callbacks SET state = 'failed', attempts = ?, last_error = ? WHERE task_id = ?`),
    get: db.prepare('SELECT * FROM callbacks WHERE task_id = ?'),
  };
  const claim = db.transaction((at: number, limit: number, leaseMs: number) => {
    const rows = q.due.all(at, limit) as CallbackRow[];
    for (const row of rows) q.lease.run(at + leaseMs, row.task_id);
    return rows.map((row) => ({ ...toCallback(row), notBefore: at + leaseMs }));
  });
  return {
    async putCallback(callback) {
      const { taskId, url, body, notBefore, createdAt } = callback;
      return q.put.run({ taskId, url, body, notBefore, createdAt }).changes === 1;
    },
    async claimCallbacks(at, limit, leaseMs) {
      return limit <= 0 ? [] : claim.immediate(at, limit, leaseMs);
    },
    async callbackDone(taskId) {
      q.done.run(taskId);
    },
    async rescheduleCallback(taskId, notBefore, attempts, error) {
      q.reschedule.run(notBefore, attempts, error, taskId);
    },
    async callbackFailed(taskId, attempts, error) {
      q.failed.run(attempts, error, taskId);
    },
    async getCallback(taskId) {
      const row = q.get.get(taskId) as CallbackRow | undefined;
      return row === undefined ? undefined : toCallback(row);
    },
  };
}
