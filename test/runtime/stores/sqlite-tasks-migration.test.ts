/**
 * Schema v10 on a database written before it: a task whose counting fields rode in its JSON
 * (countedItems for deliveredItemIds) reads back with them as fields, from columns, and the
 * callbacks table is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, SQLITE_MIGRATIONS } from '../../../engine/runtime/stores/sqlite-schema.js';
import { openSqliteStore } from '../../../engine/runtime/stores/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-v10-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { status: 'queued', platform: 'telegram', to: '42', request: { flow: 'menu' }, messageIds: ['7'], delivered: 1, createdAt: 1, updatedAt: 2 };

describe('openSqliteStore on a version 9 database', () => {
  it('moves the counting fields of old task rows out of their JSON into columns', async () => {
    const path = join(dir, 'v9.sqlite');
    const v9 = new BetterSqlite3(path);
    expect(migrate(v9, SQLITE_MIGRATIONS.slice(0, 9))).toBe(9);
    const insert = v9.prepare('INSERT INTO tasks (id, data) VALUES (?, ?)');
    insert.run('old', JSON.stringify({ id: 'old', ...base, items: 3, directItems: 1, countedItems: ['o1'], callbackQueued: true, callbackAttempts: 0 }));
    insert.run('bare', JSON.stringify({ id: 'bare', ...base }));
    v9.close();

    const store = openSqliteStore({ path });
    expect(await store.getTask('old')).toEqual({ id: 'old', ...base, items: 3, directItems: 1, deliveredItemIds: ['o1'], callbackQueued: true });
    expect(await store.getTask('bare')).toEqual({ id: 'bare', ...base });
    expect(await store.putCallback({ taskId: 'old', url: 'https://example.com/cb', body: '{}', notBefore: 0, createdAt: 0 })).toBe(true);
    await store.close();

    const db = new BetterSqlite3(path, { readonly: true });
    const row = db.prepare('SELECT data, items, direct_items, delivered_item_ids, callback_queued FROM tasks WHERE id = ?').get('old') as Record<string, unknown>;
    expect(row).toMatchObject({ items: 3, direct_items: 1, delivered_item_ids: '["o1"]', callback_queued: 1 });
    expect(JSON.parse(row.data as string)).toEqual({ id: 'old', ...base });
    db.close();
  });
});
