/**
 * The ConversationStore for several processes: everything lives in one Redis, and every
 * operation that touches more than one key is a Lua script (see redis-scripts.ts), so
 * commits are compare-and-set, claims never hand one item to two senders, and a vault
 * secret is taken once. The key layout is documented in redis-scripts.ts (adapter notes:
 * redis-notes.ts).
 */
import { Redis } from 'ioredis';
import type { ConversationStore, TimerRecord } from '../store.js';
import { redisCallbacks } from './redis-callbacks.js';
import { redisVault, vaultArgs } from './redis-vault.js';
import { redisDeadLetters } from './dead-letter-rows.js';
import { redisNotes } from './redis-notes.js';
import { outboxArgs, redisOutbox } from './redis-outbox.js';
import { persistenceWarning, readRedisPersistence } from './redis-persistence.js';
import { REDIS_SCRIPTS } from './redis-scripts.js';
import { StoreError } from './store-error.js';
import { redisTasks } from './redis-tasks.js';
import { createRedisVersionPorts } from './redis-versions.js';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** e.g. redis://127.0.0.1:6379 */
  url: string;
  /** Prefix of every key; default `parley:`. Tests use a random one and delete it after. */
  prefix?: string;
  /** Clock for inbox retention, lock expiry and updatedAt; default Date.now. */
  now?: () => number;
  /** Failed outbox items kept for inspection; default 10 000. */
  failedKept?: number;
  /**
   * Connection errors (ioredis reconnects by itself); default: ignored, since the commands
   * that fail meanwhile reject with their own errors. Pass the logger here to see them.
   */
  onError?: (err: Error) => void;
  /** Told once at connect when the server keeps nothing on disk (see redis-persistence.ts). */
  onWarning?: (message: string) => void;
}

type Arg = string | number;
type ScriptCommands = { [K in keyof typeof REDIS_SCRIPTS]: (...args: Arg[]) => Promise<unknown> };

/** The URL without its password, for error messages (they reach logs). */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

function seenId(platform: string, eventId: string): string {
  // The platform is encoded so a ':' in it cannot make two marks collide.
  return `${encodeURIComponent(platform)}:${eventId}`;
}

/** Connects to Redis and returns a store over it. */
export async function createRedisStore(options: RedisStoreOptions): Promise<ConversationStore> {
  const now = options.now ?? Date.now;
  const p = options.prefix ?? 'parley:';
  const failedKept = options.failedKept ?? 10_000;
  const redis = new Redis(options.url, { lazyConnect: true });
  // Without a listener, Node prints every reconnect failure as an unhandled 'error' event.
  redis.on('error', options.onError ?? (() => {}));
  for (const [name, lua] of Object.entries(REDIS_SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 0, lua });
  try {
    await redis.connect();
  } catch (cause) {
    // Stop ioredis from retrying in the background: the caller decides what to do next.
    redis.disconnect();
    throw new StoreError('STORE_CONNECT', `Cannot connect to Redis at ${redactUrl(options.url)}; check REDIS_URL and that the server is running.`, { cause });
  }
  const run = redis as unknown as ScriptCommands;
  if (options.onWarning) {
    const warning = persistenceWarning(await readRedisPersistence(redis));
    if (warning) options.onWarning(warning);
  }

  return {
    ...redisDeadLetters(redis, p),
    multiProcess: true,
    // Flow sources by version and transcripts (version-store.ts).
    ...createRedisVersionPorts(redis, p),
    async load(key) {
      const h = await redis.hgetall(`${p}conv:${key}`);
      if (h.revision === undefined) return undefined;
      return {
        key,
        snapshot: JSON.parse(h.snapshot!),
        flowVersion: h.flowVersion!,
        revision: Number(h.revision),
        updatedAt: Number(h.updatedAt),
      };
    },

    async commit(req) {
      // A count of -1 tells the script to keep the conversation's timers as they are.
      const timerArgs: Arg[] = [req.timers ? req.timers.length : -1];
      for (const t of req.timers ?? []) {
        const { dueAt, ...fixed } = t;
        timerArgs.push(JSON.stringify([t.key, t.timerId]), JSON.stringify(fixed), dueAt);
      }
      const revision = Number(
        await run.parleyCommit(
          p, req.key, req.expectedRevision, JSON.stringify(req.snapshot ?? null), req.flowVersion, now(),
          req.processed ? seenId(req.processed.platform, req.processed.eventId) : '', now(),
          ...vaultArgs(req.vaultTakes ?? []), ...outboxArgs(req.outbox), ...timerArgs,
        ),
      );
      return revision < 0 ? { ok: false, reason: 'conflict' } : { ok: true, revision };
    },

    async accept(entry, retentionMs) {
      const { seq: _ignored, ...body } = entry;
      const t = now();
      const seq = await run.parleyAccept(p, seenId(entry.platform, entry.eventId), entry.key, JSON.stringify(body), t, t + retentionMs);
      return Number(seq) === 0 ? 'duplicate' : 'new';
    },

    async pendingFor(key, limit) {
      if (limit <= 0) return [];
      const members = await redis.zrange(`${p}pending:${key}`, 0, limit - 1);
      return members.map((m) => {
        const colon = m.indexOf(':');
        return { ...JSON.parse(m.slice(colon + 1)), seq: Number(m.slice(0, colon)) };
      });
    },

    async pendingKeys(limit) {
      return limit <= 0 ? [] : redis.zrange(`${p}pendingkeys`, 0, limit - 1);
    },

    async lock(key, owner, ttlMs) {
      const t = now();
      // The expiry in the value follows the injected clock; PX lets Redis drop a lock whose
      // holder died even if nobody asks for it again.
      const ttl = Math.max(1, Math.ceil(ttlMs));
      return Number(await run.parleyLock(p, key, owner, t, t + ttlMs, ttl)) === 1;
    },

    async unlock(key, owner) {
      await run.parleyUnlock(p, key, owner);
    },

    ...redisOutbox(redis, p, failedKept),

    async claimTimers(at, limit, leaseMs) {
      if (limit <= 0) return [];
      const flat = (await run.parleyClaimTimers(p, at, limit, at + leaseMs)) as string[];
      const timers: TimerRecord[] = [];
      for (let i = 0; i < flat.length; i += 2) timers.push({ ...JSON.parse(flat[i + 1]!), dueAt: at + leaseMs });
      return timers;
    },

    ...redisVault(redis, p, now),
    ...redisNotes(redis, p, now),

    ...redisTasks(redis, p),
    ...redisCallbacks(redis, p),

    async sweep(at) {
      await run.parleySweep(p, at);
    },

    async close() {
      if (redis.status !== 'end') await redis.quit();
    },
  };
}
