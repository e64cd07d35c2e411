import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, SQLITE_MIGRATIONS } from '../../../engine/runtime/stores/sqlite-schema.js';
import { openSqliteStore } from '../../../engine/runtime/stores/sqlite-store.js';
import { StoreError } from '../../../engine/runtime/stores/store-error.js';
import { describeStoreContract } from '../store-contract/describe-store-contract.js';
import { inboxEntry, outboxItem } from '../store-contract/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-'));
let n = 0;
const nextPath = () => join(dir, `nested/db-${++n}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('openSqliteStore', async ({ now }) => openSqliteStore({ path: nextPath(), now }));

describe('openSqliteStore', () => {
  it('creates its directory 0700 and the database, -wal and -shm 0600, and tightens an old 0644 file', async () => {
    const fresh = join(dir, 'modes', 'data');
    const path = join(fresh, 'parley.db');
    const store = openSqliteStore({ path });
    await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
    const mode = (f: string) => statSync(f).mode & 0o777;
    expect(mode(fresh)).toBe(0o700);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect(mode(f), f).toBe(0o600);
    await store.close();
    const old = join(dir, 'old.db');
    writeFileSync(old, '', { mode: 0o644 });
    chmodSync(old, 0o644);
    const reopened = openSqliteStore({ path: old });
    expect(mode(old)).toBe(0o600);
    await reopened.close();
  });

  it('keeps committed data after the file is closed and reopened', async () => {
    const path = nextPath();
    const first = openSqliteStore({ path });
    await first.accept(inboxEntry('tg:1', 'e1'), 60_000);
    await first.accept(inboxEntry('tg:1', 'e2'), 60_000);
    await first.commit({
      key: 'tg:1', expectedRevision: 0, snapshot: { step: 'ask' }, flowVersion: 'v1',
      processed: { platform: 'tg', eventId: 'e1' }, outbox: [outboxItem('o1')], timers: [],
    });
    await first.close();

    const second = openSqliteStore({ path });
    expect(await second.load('tg:1')).toMatchObject({ snapshot: { step: 'ask' }, revision: 1 });
    expect((await second.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['e2']);
    expect(await second.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('duplicate');
    expect((await second.claimOutbox(1000, 10, 100)).map((i) => i.id)).toEqual(['o1']);
    await second.close();
  });

  it('keeps a commit made just before the process is killed with SIGKILL', async () => {
    const path = nextPath();
    // .mts: the temp dir has no package.json saying "type": "module".
    const script = join(dir, `kill-${n}.mts`);
    const storeUrl = pathToFileURL(resolve('engine/runtime/stores/sqlite-store.ts')).href;
    writeFileSync(script, `
      import { openSqliteStore } from ${JSON.stringify(storeUrl)};
      const store = openSqliteStore({ path: ${JSON.stringify(path)} });
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: { at: 'killed' }, flowVersion: 'v1', outbox: [], timers: [] });
      process.kill(process.pid, 'SIGKILL');
    `);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const store = openSqliteStore({ path });
    expect(await store.load('tg:1')).toMatchObject({ snapshot: { at: 'killed' }, revision: 1 });
    await store.close();
  });

  it('drops the event body of a processed entry and keeps the dedup mark', async () => {
    const path = nextPath();
    const store = openSqliteStore({ path });
    await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
    await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'e1' }, outbox: [], timers: [] });
    await store.close();
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.prepare('SELECT processed, event FROM inbox').all()).toEqual([{ processed: 1, event: null }]);
    db.close();
  });

  it('keeps adapter notes across a reopen and deletes expired ones on sweep', async () => {
    const path = nextPath();
    const first = openSqliteStore({ path, now: () => 1000 });
    await first.putNote('tg', 'old', 'o', 2000);
    await first.putNote('tg', 'live', 'l', 9000);
    await first.close();
    const second = openSqliteStore({ path, now: () => 1000 });
    expect(await second.getNote('tg', 'live', 1000)).toBe('l');
    await second.sweep(2000);
    await second.close();
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.prepare('SELECT platform, key, value, expires_at FROM notes').all()).toEqual([{ platform: 'tg', key: 'live', value: 'l', expires_at: 9000 }]);
    db.close();
  });

  it('shares locks between two stores on the same file', async () => {
    const path = nextPath();
    const a = openSqliteStore({ path });
    const b = openSqliteStore({ path });
    expect(await a.lock('tg:1', 'process-a', 10_000)).toBe(true);
    expect(await b.lock('tg:1', 'process-b', 10_000)).toBe(false);
    await a.unlock('tg:1', 'process-a');
    expect(await b.lock('tg:1', 'process-b', 10_000)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('opens in WAL mode at the latest schema version', async () => {
    const path = nextPath();
    await openSqliteStore({ path }).close();
    const db = new BetterSqlite3(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });
});

describe('openSqliteStore on a version 3 database', () => {
  it('adds outbox.task_items and outbox.proactive in place and keeps the waiting outbox row (a task\'s row is proactive)', async () => {
    const path = nextPath();
    mkdirSync(dirname(path), { recursive: true });
    const v3 = new BetterSqlite3(path);
    expect(migrate(v3, SQLITE_MIGRATIONS.slice(0, 3))).toBe(3);
    v3.prepare(`INSERT INTO outbox (id, key, platform, recipient, message, task_id, seq, attempts, not_before, created_at)
      VALUES ('o1', 'tg:1', 'tg', '1', '{"kind":"text","text":"hi"}', 't1', 0, 0, 0, 100)`).run();
    v3.close();

    const store = openSqliteStore({ path });
    const claimed = await store.claimOutbox(1000, 10, 500);
    expect(claimed).toEqual([{
      id: 'o1', key: 'tg:1', platform: 'tg', to: '1', message: { kind: 'text', text: 'hi' }, taskId: 't1', proactive: true,
      seq: 0, attempts: 0, notBefore: 1500, createdAt: 100,
    }]);
    expect(claimed[0]).not.toHaveProperty('taskItems');
    await store.enqueue([outboxItem('o2', { seq: 1, taskId: 't2', taskItems: 4 })]);
    await store.close();

    // Opening the upgraded file again must not run v4 a second time (ADD COLUMN would throw).
    const again = openSqliteStore({ path });
    expect(await again.claimOutbox(2000, 10, 500)).toMatchObject([{ id: 'o1' }, { id: 'o2', taskId: 't2', taskItems: 4 }]);
    await again.close();
    const db = new BetterSqlite3(path, { readonly: true });
    expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length);
    expect(db.prepare('SELECT id, task_id, task_items FROM outbox ORDER BY id').all()).toEqual([
      { id: 'o1', task_id: 't1', task_items: null },
      { id: 'o2', task_id: 't2', task_items: 4 },
    ]);
    db.close();
  });
});

describe('openSqliteStore on a newer database', () => {
  it('refuses to open it and leaves it unchanged', async () => {
    const path = nextPath();
    await openSqliteStore({ path }).close();
    const db = new BetterSqlite3(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA' }));
    const check = new BetterSqlite3(path);
    expect(schemaVersion(check)).toBe(99);
    check.close();
  });
});

describe('migrate', () => {
  it('applies only the migrations newer than the database', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, SQLITE_MIGRATIONS.slice(0, 1))).toBe(1);
    db.prepare("INSERT INTO tasks (id, data) VALUES ('t1', '{}')").run();
    const v2 = { version: 2, up: (d: typeof db) => d.exec('ALTER TABLE tasks ADD COLUMN note TEXT') };
    expect(migrate(db, [...SQLITE_MIGRATIONS.slice(0, 1), v2])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, note FROM tasks').all()).toEqual([{ id: 't1', note: null }]);
    // Running again changes nothing (a second ALTER would throw).
    expect(migrate(db, [...SQLITE_MIGRATIONS.slice(0, 1), v2])).toBe(2);
    db.close();
  });

  it('rolls back a failing migration and keeps the old version', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, SQLITE_MIGRATIONS.slice(0, 1));
    const broken = { version: 2, up: (d: typeof db) => { d.exec('CREATE TABLE extra (x)'); d.exec('NOT SQL'); } };
    expect(() => migrate(db, [...SQLITE_MIGRATIONS.slice(0, 1), broken])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").all()).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the code', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'STORE_SCHEMA' }));
    expect(() => migrate(db)).toThrow(StoreError);
    db.close();
  });

  it('refuses migrations out of order', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, up: () => {} }])).toThrow(/versions must be 1, 2, 3/);
    db.close();
  });
});
