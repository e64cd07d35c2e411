/**
 * Picks the store from the environment: Redis when REDIS_URL is set (several processes),
 * otherwise a SQLite file (one process), or memory when asked for explicitly (tests, demos).
 */
import type { ConversationStore } from '../store.js';
import type { Logger } from '../logger.js';
import { createMemoryStore } from './memory-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { StoreError } from './store-error.js';
// The Redis client is imported only when REDIS_URL asks for it, to keep cold starts short.

/** Where the SQLite store lives when PARLEY_DB is not set. */
export const DEFAULT_SQLITE_PATH = './data/parley.db';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Clock passed to the store; default Date.now. */
  now?: () => number;
  /** Start-up warnings about the store (a Redis that keeps nothing on disk). */
  logger?: Logger;
}

/**
 * Opens the store the environment asks for:
 * - `PARLEY_STORE=memory|sqlite|redis` chooses explicitly;
 * - otherwise `REDIS_URL` set → Redis (key prefix `PARLEY_REDIS_PREFIX`, default `parley:`);
 * - otherwise SQLite at `PARLEY_DB` (default ./data/parley.db).
 */
export async function openStore(
  env: Record<string, string | undefined>,
  options: OpenStoreOptions = {},
): Promise<ConversationStore> {
  const kind = env.PARLEY_STORE?.trim().toLowerCase() || (env.REDIS_URL ? 'redis' : 'sqlite');
  switch (kind) {
    case 'memory':
      return createMemoryStore({ now: options.now });
    case 'sqlite':
      return openSqliteStore({ path: env.PARLEY_DB || DEFAULT_SQLITE_PATH, now: options.now });
    case 'redis':
      if (!env.REDIS_URL) {
        throw new StoreError('STORE_CONFIG', 'PARLEY_STORE=redis needs REDIS_URL; set it, e.g. REDIS_URL=redis://127.0.0.1:6379.');
      }
      return (await import('./redis-store.js')).createRedisStore({
        url: env.REDIS_URL,
        prefix: env.PARLEY_REDIS_PREFIX || undefined,
        now: options.now,
        onWarning: options.logger ? (message) => options.logger!.warn({ store: 'redis' }, message) : undefined,
      });
    default:
      throw new StoreError(
        'STORE_CONFIG',
        `PARLEY_STORE=${env.PARLEY_STORE} is not a store; use memory, sqlite or redis (or leave it unset).`,
      );
  }
}
