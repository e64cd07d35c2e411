/** Row shapes of the SQLite store and their conversion to and from the store's records. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutboxItem, TimerRecord } from '../store.js';

/** An outbox row as SQLite returns it. */
export interface OutboxRow {
  id: string; key: string; platform: string; recipient: string; message: string; task_id: string | null;
  task_items: number | null; proactive: number; seq: number; attempts: number; not_before: number; created_at: number;
}
/** An inbox row. */
export interface InboxRow { seq: number; platform: string; event_id: string; key: string; event: string; accepted_at: number }
/** A timer row. */
export interface TimerRow { key: string; timer_id: string; due_at: number; platform: string; conversation: string }

/** The item a row holds. */
export function toOutboxItem(row: OutboxRow): OutboxItem {
  const item: OutboxItem = {
    id: row.id, key: row.key, platform: row.platform, to: row.recipient, message: JSON.parse(row.message),
    seq: row.seq, attempts: row.attempts, notBefore: row.not_before, createdAt: row.created_at,
  };
  // Absent rather than null, as the other stores return an item without a task.
  if (row.task_id !== null) item.taskId = row.task_id;
  if (row.task_items !== null) item.taskItems = row.task_items;
  if (row.proactive) item.proactive = true;
  return item;
}

/** The named parameters that write an item. */
export function outboxParams(item: OutboxItem) {
  return {
    id: item.id, key: item.key, platform: item.platform, recipient: item.to, message: JSON.stringify(item.message),
    task_id: item.taskId ?? null, task_items: item.taskItems ?? null, proactive: item.proactive ? 1 : 0,
    seq: item.seq, attempts: item.attempts, not_before: item.notBefore, created_at: item.createdAt,
  };
}

/** The timer a row holds. */
export function toTimer(row: TimerRow): TimerRecord {
  return { key: row.key, timerId: row.timer_id, dueAt: row.due_at, platform: row.platform, conversation: row.conversation };
}

/**
 * Owner-only permissions: the directory Parley creates is 0700 and the database file 0600
 * (SQLite gives its -wal and -shm files the mode of the database file). Files left by older
 * versions at 0644 are tightened. A directory that already existed is left alone (it may be
 * shared, like /tmp).
 */
export function protectFiles(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}
