import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/runtime/stores/open-store.js';
import { createMemoryStore } from '../../../engine/runtime/stores/memory-store.js';
import { STORE_REGISTRY, storeNames, type StoreEntry } from '../../../engine/runtime/stores/store-registry.js';

describe('STORE_REGISTRY', () => {
  it('registers memory, sqlite and redis, each under its own name with a description', () => {
    expect(storeNames()).toEqual(['memory', 'sqlite', 'redis']);
    for (const [name, entry] of Object.entries(STORE_REGISTRY)) {
      expect(entry.name).toBe(name);
      expect(entry.description.length).toBeGreaterThan(0);
    }
  });

  it('imports the Redis store only when it is opened (no static import of ioredis)', () => {
    const source = readFileSync(new URL('../../../engine/runtime/stores/store-registry.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import .*redis/im);
    expect(source).toContain("await import('./redis-store.js')");
  });
});

describe('openStore(env, options, registry)', () => {
  const opened: string[] = [];
  const custom: Record<string, StoreEntry> = {
    fake: {
      name: 'fake',
      description: 'a test store',
      async open(env, options) {
        opened.push(env.PARLEY_DB ?? '');
        return createMemoryStore({ now: options.now });
      },
    },
    other: { name: 'other', description: 'another', open: async () => createMemoryStore() },
  };

  it('opens the entry PARLEY_STORE names, trimmed and in any case, with env and options', async () => {
    const store = await openStore({ PARLEY_STORE: ' Fake ', PARLEY_DB: 'x.db' }, { now: () => 7 }, custom);
    await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', outbox: [], timers: [] });
    expect((await store.load('tg:1'))?.updatedAt).toBe(7);
    expect(opened).toEqual(['x.db']);
    await store.close();
  });

  it('lists the registered names in the error for an unknown one', async () => {
    await expect(openStore({ PARLEY_STORE: 'postgres' }, {}, custom)).rejects.toMatchObject({
      code: 'STORE_CONFIG',
      message: expect.stringContaining('use fake or other'),
    });
    await expect(openStore({ PARLEY_STORE: 'postgres' })).rejects.toMatchObject({
      message: expect.stringContaining('use memory, sqlite or redis'),
    });
  });

  it('does not take a name off the prototype (PARLEY_STORE=constructor)', async () => {
    await expect(openStore({ PARLEY_STORE: 'constructor' })).rejects.toMatchObject({ code: 'STORE_CONFIG' });
  });

  it('falls back to sqlite without PARLEY_STORE and REDIS_URL, and to redis with REDIS_URL', async () => {
    const seen: string[] = [];
    const spy = (name: string): StoreEntry => ({ name, description: name, open: async () => { seen.push(name); return createMemoryStore(); } });
    const registry = { sqlite: spy('sqlite'), redis: spy('redis') };
    await (await openStore({}, {}, registry)).close();
    await (await openStore({ REDIS_URL: 'redis://127.0.0.1:1' }, {}, registry)).close();
    expect(seen).toEqual(['sqlite', 'redis']);
  });
});
