/**
 * Whether the Redis server keeps anything on disk. The inbox, the outbox, timers and every
 * conversation live there: with neither AOF nor RDB snapshots, a Redis restart loses all of
 * them while every webhook was already acknowledged. Parley cannot fix that for the operator,
 * but it can say so at start.
 */
import type { Redis } from 'ioredis';

/** What CONFIG GET said; `undefined` fields when the server refused CONFIG (managed Redis). */
export interface RedisPersistence {
  appendonly?: string;
  save?: string;
  /** True when neither AOF is on nor any RDB save rule is set. */
  keepsNothing: boolean;
}

async function configGet(redis: Redis, name: string): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', name)) as string[];
    return reply[1];
  } catch {
    return undefined;
  }
}

/** Reads `appendonly` and `save`. */
export async function readRedisPersistence(redis: Redis): Promise<RedisPersistence> {
  const [appendonly, save] = await Promise.all([configGet(redis, 'appendonly'), configGet(redis, 'save')]);
  return { appendonly, save, keepsNothing: appendonly === 'no' && save !== undefined && save.trim() === '' };
}

/** The start-up warning for a Redis that keeps nothing, or undefined when it keeps something. */
export function persistenceWarning(p: RedisPersistence): string | undefined {
  if (p.appendonly === undefined || p.save === undefined) {
    return 'Could not read the Redis persistence settings (CONFIG GET was refused); make sure AOF or RDB snapshots are on, or a Redis restart loses the inbox, outbox, timers and conversations.';
  }
  if (!p.keepsNothing) return undefined;
  return (
    'This Redis keeps nothing on disk (appendonly no, save ""): a Redis restart loses the inbox, outbox, timers and ' +
    'every conversation, although their webhooks were acknowledged. Turn on AOF: `appendonly yes` and ' +
    '`appendfsync everysec` in redis.conf (or CONFIG SET appendonly yes, then CONFIG REWRITE).'
  );
}
