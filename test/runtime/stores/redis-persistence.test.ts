import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { persistenceWarning, readRedisPersistence } from '../../../engine/runtime/stores/redis-persistence.js';
import { openStore } from '../../../engine/runtime/stores/open-store.js';
import { collectingLogger } from '../../compile/conversation.js';

const url = process.env.REDIS_URL;

describe('persistenceWarning', () => {
  it('says nothing when AOF or an RDB save rule is on', () => {
    expect(persistenceWarning({ appendonly: 'yes', save: '', keepsNothing: false })).toBeUndefined();
    expect(persistenceWarning({ appendonly: 'no', save: '3600 1 300 100', keepsNothing: false })).toBeUndefined();
  });

  it('warns, with the fix, when nothing is kept, and when CONFIG is refused', () => {
    expect(persistenceWarning({ appendonly: 'no', save: '', keepsNothing: true })).toMatch(/keeps nothing on disk.*appendonly yes/);
    expect(persistenceWarning({ keepsNothing: false })).toMatch(/CONFIG GET was refused/);
  });
});

describe.skipIf(!url)('the Redis store at start (real Redis at REDIS_URL, run with --save "" --appendonly no)', () => {
  it('reads the server as keeping nothing on disk', async () => {
    const redis = new Redis(url!);
    expect(await readRedisPersistence(redis)).toEqual({ appendonly: 'no', save: '', keepsNothing: true });
    await redis.quit();
  });

  it('warns once in the log when the store connects', async () => {
    const logger = collectingLogger();
    const store = await openStore({ REDIS_URL: url, PARLEY_REDIS_PREFIX: `parley-test:${randomUUID()}:` }, { logger });
    await store.close();
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', obj: { store: 'redis' }, msg: expect.stringMatching(/^This Redis keeps nothing on disk \(appendonly no, save ""\)/) },
    ]);
  });
});
