/**
 * The Lua scripts of the Redis store. Each runs atomically on the server, so every
 * multi-key operation is all-or-nothing and no other client sees it half done.
 *
 * ARGV[1] is always the key prefix and the scripts build their key names from it. That ties
 * the store to a single Redis node (or a primary with replicas), not Redis Cluster, which
 * would need every key declared up front and on one slot.
 *
 * Times come from the caller's clock (ARGV), never from the Redis server, so the store obeys
 * the injected clock; real TTLs are set only as a relative backstop for garbage collection.
 *
 * Key layout under the prefix:
 *   conv:<key>           hash     snapshot, flowVersion, revision, updatedAt
 *   seq                  string   inbox sequence counter
 *   seen:<platform>:<id> hash     dedup mark: seq, key, expiresAt, processed (0|1)
 *   marks                zset     processed marks by expiresAt (for sweep)
 *   pending:<key>        zset     "<seq>:<entry json>" by seq
 *   pendingkeys          zset     conversation keys by their oldest pending seq
 *   lock:<key>           string   "<expiresAt>|<owner>"
 *   outbox:due           zset     item ids by notBefore
 *   outbox:items|order|attempts  hashes by id: item json, sort key, attempt count
 *   oconv:<key>          zset     a conversation's outbox as "<order>|<id>" members (lex order)
 *   outbox:lane          hash     lane ("<platform>|<0|1>", 1 = proactive) by id
 *   outbox:due:<lane>    zset     one lane's item ids by notBefore (claims of one lane)
 *   outbox:age:<platform> zset    a platform's item ids by createdAt (backlog age)
 *   outbox:platforms     set      platforms that may have items (backlog)
 *   bucket:<name>        hash     shared token bucket: tokens, at
 *   outbox:failed        list     given-up items, newest first
 *   tset:<key>           set      a conversation's timer members
 *   timers:due|data      zset by dueAt / hash of timer json, by member
 *   vault:<id>           hash     tokenHash, ciphertext, expiresAt;  vault:exp zset
 *   task:<id>            hash     a task: data (json), items, directItems, deliveredItemIds, callbackQueued (redis-tasks.ts)
 *   tasks                hash     task json by id, as stores before task:<id> wrote it (read only)
 *   callback:<taskId>    hash     a task's callback record; callbacks:due zset of pending ones (redis-callbacks.ts)
 *   deadletters          list     skipped webhook items (where and why), newest first (dead-letter-rows.ts)
 */
import { CLAIM_OUTBOX, INSERT_OUTBOX, MARK_FAILED, MARK_SENT, OUTBOX_BACKLOG, RESCHEDULE, TAKE_TOKEN } from './redis-outbox-scripts.js';

/**
 * ARGV: prefix, key, expectedRevision, snapshot, flowVersion, updatedAt, seenId ('' = none),
 * now, vault take count, then (id, tokenHash) per take, outbox items, timer count (-1 = keep
 * the timers as they are), then (member, json, dueAt) per timer.
 * Returns the new revision, or -1 on a revision conflict or a vault secret another turn took
 * (nothing written).
 */
export const COMMIT = `
local p = ARGV[1]
local conv = p .. 'conv:' .. ARGV[2]
local rev = tonumber(redis.call('HGET', conv, 'revision') or '0')
if rev ~= tonumber(ARGV[3]) then return -1 end
local takes = tonumber(ARGV[9])
for j = 0, takes - 1 do
  if redis.call('HGET', p .. 'vault:' .. ARGV[10 + 2 * j], 'tokenHash') ~= ARGV[11 + 2 * j] then return -1 end
end
for j = 0, takes - 1 do
  redis.call('DEL', p .. 'vault:' .. ARGV[10 + 2 * j])
  redis.call('ZREM', p .. 'vault:exp', ARGV[10 + 2 * j])
end
rev = rev + 1
redis.call('HSET', conv, 'snapshot', ARGV[4], 'flowVersion', ARGV[5], 'revision', rev, 'updatedAt', ARGV[6])
if ARGV[7] ~= '' then
  local seen = p .. 'seen:' .. ARGV[7]
  local mark = redis.call('HMGET', seen, 'seq', 'key', 'expiresAt', 'processed')
  if mark[1] and mark[4] == '0' then
    local pending = p .. 'pending:' .. mark[2]
    redis.call('ZREMRANGEBYSCORE', pending, mark[1], mark[1])
    local first = redis.call('ZRANGE', pending, 0, 0, 'WITHSCORES')
    if #first == 0 then
      redis.call('ZREM', p .. 'pendingkeys', mark[2])
    else
      redis.call('ZADD', p .. 'pendingkeys', first[2], mark[2])
    end
    local left = tonumber(mark[3]) - tonumber(ARGV[8])
    if left <= 0 then
      redis.call('DEL', seen)
    else
      redis.call('HSET', seen, 'processed', '1')
      redis.call('PEXPIRE', seen, math.ceil(left))
      redis.call('ZADD', p .. 'marks', mark[3], ARGV[7])
    end
  end
end
local i = 10 + 2 * takes
${INSERT_OUTBOX}
local t = tonumber(ARGV[i]); i = i + 1
if t >= 0 then
  local tset = p .. 'tset:' .. ARGV[2]
  for _, m in ipairs(redis.call('SMEMBERS', tset)) do
    redis.call('ZREM', p .. 'timers:due', m)
    redis.call('HDEL', p .. 'timers:data', m)
  end
  redis.call('DEL', tset)
  for _ = 1, t do
    redis.call('SADD', tset, ARGV[i])
    redis.call('HSET', p .. 'timers:data', ARGV[i], ARGV[i + 1])
    redis.call('ZADD', p .. 'timers:due', ARGV[i + 2], ARGV[i])
    i = i + 3
  end
end
return rev
`;

/** ARGV: prefix, then outbox items as in COMMIT. */
export const ENQUEUE = `
local p = ARGV[1]
local i = 2
${INSERT_OUTBOX}
return 1
`;

/**
 * ARGV: prefix, seenId, key, entry json (without seq), now, expiresAt.
 * Returns the new seq, or 0 for a duplicate. An unprocessed mark never expires.
 */
export const ACCEPT = `
local p = ARGV[1]
local seen = p .. 'seen:' .. ARGV[2]
local mark = redis.call('HMGET', seen, 'processed', 'expiresAt')
if mark[1] and (mark[1] == '0' or tonumber(mark[2]) > tonumber(ARGV[5])) then return 0 end
redis.call('ZREM', p .. 'marks', ARGV[2])
redis.call('DEL', seen)
local seq = redis.call('INCR', p .. 'seq')
redis.call('HSET', seen, 'seq', seq, 'key', ARGV[3], 'expiresAt', ARGV[6], 'processed', '0')
redis.call('ZADD', p .. 'pending:' .. ARGV[3], seq, seq .. ':' .. ARGV[4])
redis.call('ZADD', p .. 'pendingkeys', 'NX', seq, ARGV[3])
return seq
`;

/** ARGV: prefix, key, owner, now, expiresAt, ttlMs. Returns 1 if the lock is now owner's. */
export const LOCK = `
local k = ARGV[1] .. 'lock:' .. ARGV[2]
local v = redis.call('GET', k)
if v then
  local bar = string.find(v, '|', 1, true)
  local exp = tonumber(string.sub(v, 1, bar - 1))
  if string.sub(v, bar + 1) ~= ARGV[3] and exp > tonumber(ARGV[4]) then return 0 end
end
redis.call('SET', k, ARGV[5] .. '|' .. ARGV[3], 'PX', ARGV[6])
return 1
`;

/** ARGV: prefix, key, owner. Deletes the lock only if owner holds it. */
export const UNLOCK = `
local k = ARGV[1] .. 'lock:' .. ARGV[2]
local v = redis.call('GET', k)
if v and string.sub(v, string.find(v, '|', 1, true) + 1) == ARGV[3] then redis.call('DEL', k) end
return 1
`;

/** ARGV: prefix, now, limit, leaseUntil. Returns member, json pairs in dueAt order. */
export const CLAIM_TIMERS = `
local p = ARGV[1]
local ms = redis.call('ZRANGEBYSCORE', p .. 'timers:due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, m in ipairs(ms) do
  redis.call('ZADD', p .. 'timers:due', ARGV[4], m)
  out[#out + 1] = m
  out[#out + 1] = redis.call('HGET', p .. 'timers:data', m)
end
return out
`;

/** ARGV: prefix, id, tokenHash, now. Returns { ciphertext, expiresAt } once, or nil. */
export const VAULT_TAKE = `
local p = ARGV[1]
local k = p .. 'vault:' .. ARGV[2]
local v = redis.call('HMGET', k, 'tokenHash', 'ciphertext', 'expiresAt')
if not v[1] or v[1] ~= ARGV[3] or tonumber(v[3]) <= tonumber(ARGV[4]) then return false end
redis.call('DEL', k)
redis.call('ZREM', p .. 'vault:exp', ARGV[2])
return { v[2], v[3] }
`;

/** ARGV: prefix, id, tokenHash, now. Returns { ciphertext, expiresAt } without deleting, or nil. */
export const VAULT_PEEK = `
local v = redis.call('HMGET', ARGV[1] .. 'vault:' .. ARGV[2], 'tokenHash', 'ciphertext', 'expiresAt')
if not v[1] or v[1] ~= ARGV[3] or tonumber(v[3]) <= tonumber(ARGV[4]) then return false end
return { v[2], v[3] }
`;

/** ARGV: prefix, now. Deletes processed inbox marks and vault secrets expired at `now`. */
export const SWEEP = `
local p = ARGV[1]
for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'marks', '-inf', ARGV[2])) do
  local seen = p .. 'seen:' .. id
  if redis.call('HGET', seen, 'processed') == '1' then redis.call('DEL', seen) end
end
redis.call('ZREMRANGEBYSCORE', p .. 'marks', '-inf', ARGV[2])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'vault:exp', '-inf', ARGV[2])) do
  redis.call('DEL', p .. 'vault:' .. id)
end
redis.call('ZREMRANGEBYSCORE', p .. 'vault:exp', '-inf', ARGV[2])
return 1
`;

/** Every script by the command name the store defines for it. */
export const REDIS_SCRIPTS = {
  parleyCommit: COMMIT,
  parleyEnqueue: ENQUEUE,
  parleyAccept: ACCEPT,
  parleyLock: LOCK,
  parleyUnlock: UNLOCK,
  parleyClaimOutbox: CLAIM_OUTBOX,
  parleyReschedule: RESCHEDULE,
  parleyMarkSent: MARK_SENT,
  parleyMarkFailed: MARK_FAILED,
  parleyClaimTimers: CLAIM_TIMERS,
  parleyOutboxBacklog: OUTBOX_BACKLOG,
  parleyTakeToken: TAKE_TOKEN,
  parleyVaultTake: VAULT_TAKE,
  parleyVaultPeek: VAULT_PEEK,
  parleySweep: SWEEP,
} as const;
