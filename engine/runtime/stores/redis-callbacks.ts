/**
 * Send-API callbacks in Redis: one hash per task, `<prefix>callback:<taskId>` (url, body,
 * attempts, notBefore, createdAt, lastError, state), and the pending ones in the
 * `<prefix>callbacks:due` zset by notBefore. Each change is one Lua script, so a claim never
 * hands a callback to two processes and a finished one never becomes due again.
 */
import type { Redis } from 'ioredis';
import type { CallbackPort, CallbackRecord } from '../ports/callback-port.js';

/** ARGV: prefix, taskId, url, body, notBefore, createdAt. Returns 1 when added, 0 when the task has one. */
const PUT = `
local p = ARGV[1]
local key = p .. 'callback:' .. ARGV[2]
if redis.call('EXISTS', key) == 1 then return 0 end
redis.call('HSET', key, 'url', ARGV[3], 'body', ARGV[4], 'attempts', 0, 'notBefore', ARGV[5], 'createdAt', ARGV[6], 'state', 'pending')
redis.call('ZADD', p .. 'callbacks:due', ARGV[5], ARGV[2])
return 1
`;

/** ARGV: prefix, now, limit, leaseUntil. Returns taskId, HGETALL pairs, ... of the leased ones. */
const CLAIM = `
local p = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', p .. 'callbacks:due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', p .. 'callbacks:due', ARGV[4], id)
  redis.call('HSET', p .. 'callback:' .. id, 'notBefore', ARGV[4])
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGETALL', p .. 'callback:' .. id)
end
return out
`;

/** ARGV: prefix, taskId, 'done' | 'retry' | 'failed', notBefore, attempts, error. A missing callback is left missing. */
const SETTLE = `
local p = ARGV[1]
local key = p .. 'callback:' .. ARGV[2]
local state = redis.call('HGET', key, 'state')
if not state then return 0 end
if ARGV[3] == 'retry' then
  if state ~= 'pending' then return 0 end
  redis.call('HSET', key, 'notBefore', ARGV[4], 'attempts', ARGV[5], 'lastError', ARGV[6])
  redis.call('ZADD', p .. 'callbacks:due', ARGV[4], ARGV[2])
  return 1
end
redis.call('ZREM', p .. 'callbacks:due', ARGV[2])
if ARGV[3] == 'done' then redis.call('HSET', key, 'state', 'done')
else redis.call('HSET', key, 'state', 'failed', 'attempts', ARGV[5], 'lastError', ARGV[6]) end
return 1
`;

type Arg = string | number;
interface CallbackScripts {
  parleyPutCallback(...args: Arg[]): Promise<number>;
  parleyClaimCallbacks(...args: Arg[]): Promise<(string | string[])[]>;
  parleySettleCallback(...args: Arg[]): Promise<number>;
}

/** A callback from its hash's fields. */
function toCallback(taskId: string, h: Record<string, string>): CallbackRecord {
  const cb: CallbackRecord = {
    taskId, url: h.url!, body: h.body!, attempts: Number(h.attempts), notBefore: Number(h.notBefore),
    createdAt: Number(h.createdAt), state: h.state as CallbackRecord['state'],
  };
  if (h.lastError !== undefined) cb.lastError = h.lastError;
  return cb;
}

/** The callback methods over `redis` under prefix `p` (defines their scripts on `redis`). */
export function redisCallbacks(redis: Redis, p: string): CallbackPort {
  redis.defineCommand('parleyPutCallback', { numberOfKeys: 0, lua: PUT });
  redis.defineCommand('parleyClaimCallbacks', { numberOfKeys: 0, lua: CLAIM });
  redis.defineCommand('parleySettleCallback', { numberOfKeys: 0, lua: SETTLE });
  const run = redis as unknown as CallbackScripts;
  return {
    async putCallback(cb) {
      return Number(await run.parleyPutCallback(p, cb.taskId, cb.url, cb.body, cb.notBefore, cb.createdAt)) === 1;
    },
    async claimCallbacks(at, limit, leaseMs) {
      if (limit <= 0) return [];
      const flat = await run.parleyClaimCallbacks(p, at, limit, at + leaseMs);
      const out: CallbackRecord[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const pairs = flat[i + 1] as string[];
        const h: Record<string, string> = {};
        for (let j = 0; j < pairs.length; j += 2) h[pairs[j]!] = pairs[j + 1]!;
        out.push(toCallback(flat[i] as string, h));
      }
      return out;
    },
    async callbackDone(taskId) {
      await run.parleySettleCallback(p, taskId, 'done', 0, 0, '');
    },
    async rescheduleCallback(taskId, notBefore, attempts, error) {
      await run.parleySettleCallback(p, taskId, 'retry', notBefore, attempts, error);
    },
    async callbackFailed(taskId, attempts, error) {
      await run.parleySettleCallback(p, taskId, 'failed', 0, attempts, error);
    },
    async getCallback(taskId) {
      const h = await redis.hgetall(`${p}callback:${taskId}`);
      return h.state === undefined ? undefined : toCallback(taskId, h);
    },
  };
}
