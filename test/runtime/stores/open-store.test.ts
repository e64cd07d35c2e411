import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/runtime/stores/open-store.js';
import { inboxEntry } from '../store-contract/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('opens a SQLite file at PARLEY_DB, creating its directory', async () => {
    const path = join(dir, 'sub/bot.db');
    const store = await openStore({ PARLEY_DB: path });
    await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const again = await openStore({ PARLEY_DB: path });
    expect(await again.pendingKeys(10)).toEqual(['tg:1']);
    await again.close();
  });

  it('opens a memory store for PARLEY_STORE=memory, even with REDIS_URL set', async () => {
    const store = await openStore({ PARLEY_STORE: 'memory', REDIS_URL: 'redis://127.0.0.1:1', PARLEY_DB: join(dir, 'unused.db') });
    expect(await store.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('new');
    await store.close();
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('passes the clock to the store', async () => {
    const store = await openStore({ PARLEY_STORE: 'memory' }, { now: () => 42 });
    await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', outbox: [], timers: [] });
    expect((await store.load('tg:1'))?.updatedAt).toBe(42);
  });

  it('rejects an unknown PARLEY_STORE with a STORE_CONFIG error', async () => {
    await expect(openStore({ PARLEY_STORE: 'postgres' })).rejects.toMatchObject({ code: 'STORE_CONFIG' });
  });

  it('rejects PARLEY_STORE=redis without REDIS_URL', async () => {
    await expect(openStore({ PARLEY_STORE: 'redis' })).rejects.toMatchObject({ code: 'STORE_CONFIG', message: expect.stringMatching(/REDIS_URL/) });
  });

  it('fails with STORE_CONNECT, without the password, when Redis is unreachable', async () => {
    const err = await openStore({ REDIS_URL: 'redis://:hunter2@127.0.0.1:1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_CONNECT' });
    expect((err as Error).message).not.toContain('hunter2');
  });

  it.runIf(process.env.REDIS_URL)('opens Redis when REDIS_URL is set', async () => {
    const prefix = `parley-test:open-${process.pid}-${Date.now()}:`;
    const store = await openStore({ REDIS_URL: process.env.REDIS_URL, PARLEY_REDIS_PREFIX: prefix, PARLEY_DB: join(dir, 'not-used.db') });
    await store.putTask({ id: 't1', status: 'queued', platform: 'tg', to: '1', request: {}, createdAt: 1, updatedAt: 1 });
    expect((await store.getTask('t1'))?.status).toBe('queued');
    await store.sweep(Date.now());
    await store.close();
    expect(existsSync(join(dir, 'not-used.db'))).toBe(false);
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.REDIS_URL!);
    expect(await redis.exists(`${prefix}task:t1`)).toBe(1);
    await redis.del(`${prefix}task:t1`);
    await redis.quit();
  });
});
