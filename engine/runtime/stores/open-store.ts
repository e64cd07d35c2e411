/**
 * Picks the store from the environment: Redis when REDIS_URL is set (several processes),
 * otherwise a SQLite file (one process), or any registered store by name (store-registry.ts).
 */
import type { ConversationStore } from '../store.js';
import { STORE_REGISTRY, storeNames, type OpenStoreOptions, type StoreEntry } from './store-registry.js';
import { StoreError } from './store-error.js';

export { DEFAULT_SQLITE_PATH, type OpenStoreOptions } from './store-registry.js';

/**
 * Opens the store the environment asks for:
 * - `PARLEY_STORE=<name>` chooses a registered store explicitly (memory, sqlite, redis);
 * - otherwise `REDIS_URL` set → Redis (key prefix `PARLEY_REDIS_PREFIX`, default `parley:`);
 * - otherwise SQLite at `PARLEY_DB` (default ./data/parley.db).
 */
export async function openStore(
  env: Record<string, string | undefined>,
  options: OpenStoreOptions = {},
  registry: Readonly<Record<string, StoreEntry>> = STORE_REGISTRY,
): Promise<ConversationStore> {
  const name = env.PARLEY_STORE?.trim().toLowerCase() || (env.REDIS_URL ? 'redis' : 'sqlite');
  // Own keys only: a name like "constructor" must not find something on the prototype.
  const entry = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!entry) {
    const names = storeNames(registry);
    throw new StoreError(
      'STORE_CONFIG',
      `PARLEY_STORE=${env.PARLEY_STORE} is not a store; use ${names.slice(0, -1).join(', ')} or ${names.at(-1)} (or leave it unset).`,
    );
  }
  return entry.open(env, options);
}
