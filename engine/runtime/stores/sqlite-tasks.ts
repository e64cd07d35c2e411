/**
 * Send-API tasks in the SQLite store: the `tasks` table, the counting fields in columns of
 * their own (schema v10) and the rest of the record as JSON in `data`.
 */
import type { Database } from 'better-sqlite3';
import type { TaskPort, TaskRecord } from '../ports/task-port.js';

interface TaskRow {
  data: string;
  items: number | null;
  direct_items: number | null;
  delivered_item_ids: string | null;
  callback_queued: number;
}

/** The task a row holds; columns that are NULL stay absent, as the other stores return them. */
function toTask(row: TaskRow): TaskRecord {
  const task = JSON.parse(row.data) as TaskRecord;
  if (row.items !== null) task.items = row.items;
  if (row.direct_items !== null) task.directItems = row.direct_items;
  if (row.delivered_item_ids !== null) task.deliveredItemIds = JSON.parse(row.delivered_item_ids) as string[];
  if (row.callback_queued) task.callbackQueued = true;
  return task;
}

/** Prepares the task statements of `db`. */
export function sqliteTasks(db: Database): TaskPort {
  const q = {
    put: db.prepare(`INSERT OR REPLACE INTO tasks (id, data, items, direct_items, delivered_item_ids, callback_queued)
      VALUES (@id, @data, @items, @direct_items, @delivered_item_ids, @callback_queued)`),
    get: db.prepare('SELECT data, items, direct_items, delivered_item_ids, callback_queued FROM tasks WHERE id = ?'),
  };
  return {
    async putTask(task) {
      const { items, directItems, deliveredItemIds, callbackQueued, ...rest } = task;
      q.put.run({
        id: task.id,
        data: JSON.stringify(rest),
        items: items ?? null,
        direct_items: directItems ?? null,
        delivered_item_ids: deliveredItemIds === undefined ? null : JSON.stringify(deliveredItemIds),
        callback_queued: callbackQueued ? 1 : 0,
      });
    },
    async getTask(id) {
      const row = q.get.get(id) as TaskRow | undefined;
      return row === undefined ? undefined : toTask(row);
    },
  };
}
