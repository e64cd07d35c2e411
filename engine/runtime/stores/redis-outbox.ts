/**
 * The outbox part of the Redis store: claims, backlog, the shared token bucket, the outcome
 * of each attempt and the failed list, through Lua scripts (redis-outbox-scripts.ts, and the
 * enqueue in redis-scripts.ts), and the arguments a commit's replies add to the commit script.
 */
import type { Redis } from 'ioredis';
import type { OutboxBacklog, OutboxItem, OutboxPort } from '../ports/outbox-port.js';

type Arg = string | number;
type OutboxScript =
  | 'parleyClaimOutbox'
  | 'parleyOutboxBacklog'
  | 'parleyTakeToken'
  | 'parleyMarkSent'
  | 'parleyReschedule'
  | 'parleyMarkFailed'
  | 'parleyEnqueue';
type OutboxScripts = Record<OutboxScript, (...args: Arg[]) => Promise<unknown>>;

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
export function outboxArgs(items: OutboxItem[]): Arg[] {
  const args: Arg[] = [items.length];
  for (const item of items) {
    const { notBefore, attempts, ...fixed } = item;
    args.push(item.id, JSON.stringify(fixed), notBefore, outboxSortKey(item), attempts);
  }
  return args;
}

/** The outbox methods over `redis` under prefix `p`; `failedKept` bounds the failed list. */
export function redisOutbox(redis: Redis, p: string, failedKept: number): OutboxPort {
  const run = redis as unknown as OutboxScripts;
  return {
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
  };
}
