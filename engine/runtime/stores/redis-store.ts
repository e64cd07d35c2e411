/**
 * The ConversationStore for several processes: everything lives in one Redis, and every
 * operation that touches more than one key is a Lua script (see redis-scripts.ts), so
 * commits are compare-and-set, claims never hand one item to two senders, and a vault
 * secret is taken once. The key layout is documented in redis-scripts.ts (adapter notes:
 * redis-notes.ts).
 */
import { Redis } from 'ioredis';
import type { ConversationStore, OutboxBacklog, OutboxItem, TaskRecord, TimerRecord } from '../store.js';
import { redisVault, vaultArgs } from './redis-vault.js';
import { redisDeadLetters } from './dead-letter-rows.js';
import { redisNotes } from './redis-notes.js';
import { persistenceWarning, readRedisPersistence } from './redis-persistence.js';
import { REDIS_SCRIPTS } from './redis-scripts.js';
import { StoreError } from './store-error.js';
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

/**
 * Claims look at this many due items at most before sorting them by (createdAt, seq): enough
 * for a backlog burst, and it bounds the script's run time (Redis is single-threaded).
 */
const CLAIM_SCAN_CAP = 1000;

/** Zero-padded so that Lua's string comparison orders by (createdAt, seq, id). */
function outboxSortKey(item: OutboxItem): string {
  return `${String(item.createdAt).padStart(16, '0')}:${String(item.seq).padStart(10, '0')}:${item.id}`;
}

/** The fields of an item that never change after it is written (notBefore/attempts move). */
function outboxArgs(items: OutboxItem[]): Arg[] {
  const args: Arg[] = [items.length];
  for (const item of items) {
    const { notBefore, attempts, ...fixed } = item;
    args.push(item.id, JSON.stringify(fixed), notBefore, outboxSortKey(item), attempts);
  }
  return args;
}

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

    async claimOutbox(at, limit, leaseMs, lane) {
      if (limit <= 0) return [];
      const laneId = lane ? `${lane.platform}|${lane.proactive ? 1 : 0}` : '';
      const flat = (await run.parleyClaimOutbox(p, at, limit, at + leaseMs, Math.max(CLAIM_SCAN_CAP, limit), laneId)) as string[];
      const items: OutboxItem[] = [];
      for (let i = 0; i < flat.length; i += 3) {
        items.push({ ...JSON.parse(flat[i + 1]!), attempts: Number(flat[i + 2]), notBefore: at + leaseMs });
      }
      return items;
    },

    async outboxBacklog() {
      const flat = (await run.parleyOutboxBacklog(p)) as (string | number)[];
      const out: OutboxBacklog[] = [];
      for (let i = 0; i < flat.length; i += 3) out.push({ platform: String(flat[i]), size: Number(flat[i + 1]), oldestCreatedAt: Number(flat[i + 2]) });
      return out;
    },

    async takeToken(bucket, perSecond, capacity, at) {
      return Number(await run.parleyTakeToken(p, bucket, perSecond, capacity, at));
    },

    async markSent(id) {
      await run.parleyMarkSent(p, id);
    },

    async reschedule(id, notBefore, attempts) {
      await run.parleyReschedule(p, id, notBefore, attempts);
    },

    async markFailed(id, error) {
      await run.parleyMarkFailed(p, id, error, failedKept);
    },

    async failedOutbox(limit) {
      if (limit <= 0) return [];
      const rows = await redis.lrange(`${p}outbox:failed`, 0, limit - 1);
      return rows.map((row) => {
        const f = JSON.parse(row) as { item: string; attempts: string; notBefore: string; error: string };
        return { ...JSON.parse(f.item), attempts: Number(f.attempts), notBefore: Number(f.notBefore), error: f.error };
      });
    },

    async enqueue(items) {
      if (items.length > 0) await run.parleyEnqueue(p, ...outboxArgs(items));
    },

    async claimTimers(at, limit, leaseMs) {
      if (limit <= 0) return [];
      const flat = (await run.parleyClaimTimers(p, at, limit, at + leaseMs)) as string[];
      const timers: TimerRecord[] = [];
      for (let i = 0; i < flat.length; i += 2) timers.push({ ...JSON.parse(flat[i + 1]!), dueAt: at + leaseMs });
      return timers;
    },

    ...redisVault(redis, p, now),
    ...redisNotes(redis, p, now),

    async putTask(task: TaskRecord) {
      await redis.hset(`${p}tasks`, task.id, JSON.stringify(task));
    },

    async getTask(id) {
      const json = await redis.hget(`${p}tasks`, id);
      return json === null ? undefined : (JSON.parse(json) as TaskRecord);
    },

    async sweep(at) {
      await run.parleySweep(p, at);
    },

    async close() {
      if (redis.status !== 'end') await redis.quit();
    },
  };
}
