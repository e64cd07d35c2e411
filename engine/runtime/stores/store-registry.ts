/**
 * The stores Parley can open, by the name PARLEY_STORE gives. Each entry is a plain value:
 * adding a store (say Postgres) is one file that implements ConversationStore, passes the
 * contract suite (test/runtime/store-contract/describe-store-contract.ts), and one entry here.
 */
import type { Logger } from '../logger.js';
import type { ConversationStore } from '../store.js';
import { StoreError } from './store-error.js';

// Each store's modules (and its driver: better-sqlite3, ioredis) are imported when that
// store is opened, so a process loads only the one it runs on.

/** Where the SQLite store lives when PARLEY_DB is not set. */
export const DEFAULT_SQLITE_PATH = './data/parley.db';

/** Options of openStore, passed on to the entry that opens the store. */
export interface OpenStoreOptions {
  /** Clock passed to the store; default Date.now. */
  now?: () => number;
  /** Start-up warnings about the store (a Redis that keeps nothing on disk). */
  logger?: Logger;
}

/** One store kind: its PARLEY_STORE name and how to open it from the environment. */
export interface StoreEntry {
  name: string;
  /** One line for help texts and errors. */
  description: string;
  open(env: Record<string, string | undefined>, options: OpenStoreOptions): Promise<ConversationStore>;
}

/** The registered stores, by name. */
export const STORE_REGISTRY: Readonly<Record<string, StoreEntry>> = {
  memory: {
    name: 'memory',
    description: 'in the process, lost on exit (tests, demos)',
    async open(_env, options) {
      const { createMemoryStore } = await import('./memory-store.js');
      return createMemoryStore({ now: options.now });
    },
  },
  sqlite: {
    name: 'sqlite',
    description: `one SQLite file at PARLEY_DB (default ${DEFAULT_SQLITE_PATH}), one process`,
    async open(env, options) {
      const { openSqliteStore } = await import('./sqlite-store.js');
      return openSqliteStore({ path: env.PARLEY_DB || DEFAULT_SQLITE_PATH, now: options.now });
    },
  },
  redis: {
    name: 'redis',
    description: 'Redis at REDIS_URL (key prefix PARLEY_REDIS_PREFIX, default parley:), several processes',
    async open(env, options) {
      if (!env.REDIS_URL) {
        throw new StoreError('STORE_CONFIG', 'PARLEY_STORE=redis needs REDIS_URL; set it, e.g. REDIS_URL=redis://127.0.0.1:6379.');
      }
      const { createRedisStore } = await import('./redis-store.js');
      return createRedisStore({
        url: env.REDIS_URL,
        prefix: env.PARLEY_REDIS_PREFIX || undefined,
        now: options.now,
        onWarning: options.logger ? (message) => options.logger!.warn({ store: 'redis' }, message) : undefined,
      });
    },
  },
};

/** The registered store names, in registry order. */
export function storeNames(registry: Readonly<Record<string, StoreEntry>> = STORE_REGISTRY): string[] {
  return Object.keys(registry);
}
