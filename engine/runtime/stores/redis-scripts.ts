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
 *   outbox:failed        list     given-up items, newest first
 *   tset:<key>           set      a conversation's timer members
 *   timers:due|data      zset by dueAt / hash of timer json, by member
 *   vault:<id>           hash     tokenHash, ciphertext, expiresAt;  vault:exp zset
 *   tasks                hash     task json by id
 */

/** Appends outbox items read from ARGV starting at index `i` (count, then 5 fields each). */
const INSERT_OUTBOX = `
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local id = ARGV[i]
  redis.call('HSET', p .. 'outbox:items', id, ARGV[i + 1])
  redis.call('HSET', p .. 'outbox:order', id, ARGV[i + 3])
  redis.call('HSET', p .. 'outbox:attempts', id, ARGV[i + 4])
  redis.call('ZADD', p .. 'outbox:due', ARGV[i + 2], id)
  redis.call('ZADD', p .. 'oconv:' .. cjson.decode(ARGV[i + 1]).key, 0, ARGV[i + 3] .. '|' .. id)
  i = i + 5
end
`;

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

/**
 * ARGV: prefix, now, limit, leaseUntil, scanCap. Looks at up to scanCap due items, sorts
 * them by (createdAt, seq, id) and leases the first `limit`. Returns id, json, attempts...
 */
export const CLAIM_OUTBOX = `
local p = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', p .. 'outbox:due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[5]))
if #ids == 0 then return {} end
local order = redis.call('HMGET', p .. 'outbox:order', unpack(ids))
local rows = {}
for j, id in ipairs(ids) do rows[j] = { order[j] or '', id } end
table.sort(rows, function(a, b) return a[1] < b[1] end)
local out = {}
local taken = {}
local blocked = {}
local count = 0
for j = 1, #rows do
  if count >= tonumber(ARGV[3]) then break end
  local id = rows[j][2]
  local json = redis.call('HGET', p .. 'outbox:items', id)
  local key = cjson.decode(json).key
  if not blocked[key] then
    -- Head-of-line: if the item just before this one in its conversation was not taken in
    -- this claim, it is waiting (retry or lease), so this one must wait behind it.
    local earlier = redis.call('ZREVRANGEBYLEX', p .. 'oconv:' .. key, '(' .. rows[j][1] .. '|' .. id, '-', 'LIMIT', 0, 1)
    if #earlier > 0 and not taken[earlier[1]] then
      blocked[key] = true
    else
      taken[rows[j][1] .. '|' .. id] = true
      redis.call('ZADD', p .. 'outbox:due', ARGV[4], id)
      out[#out + 1] = id
      out[#out + 1] = json
      out[#out + 1] = redis.call('HGET', p .. 'outbox:attempts', id)
      count = count + 1
    end
  end
end
return out
`;

/** ARGV: prefix, id, notBefore, attempts. No-op for an unknown id. */
export const RESCHEDULE = `
local p = ARGV[1]
if redis.call('HEXISTS', p .. 'outbox:items', ARGV[2]) == 0 then return 0 end
redis.call('ZADD', p .. 'outbox:due', ARGV[3], ARGV[2])
redis.call('HSET', p .. 'outbox:attempts', ARGV[2], ARGV[4])
return 1
`;

const REMOVE_OUTBOX = `
local removed = redis.call('HGET', p .. 'outbox:items', id)
if removed then
  redis.call('ZREM', p .. 'oconv:' .. cjson.decode(removed).key, redis.call('HGET', p .. 'outbox:order', id) .. '|' .. id)
end
redis.call('ZREM', p .. 'outbox:due', id)
redis.call('HDEL', p .. 'outbox:items', id)
redis.call('HDEL', p .. 'outbox:order', id)
redis.call('HDEL', p .. 'outbox:attempts', id)
`;

/** ARGV: prefix, id. */
export const MARK_SENT = `
local p = ARGV[1]
local id = ARGV[2]
${REMOVE_OUTBOX}
return 1
`;

/** ARGV: prefix, id, error, keep. Moves the item to the failed list (the newest `keep` stay). */
export const MARK_FAILED = `
local p = ARGV[1]
local id = ARGV[2]
local json = redis.call('HGET', p .. 'outbox:items', id)
if not json then return 0 end
-- A sealed (sensitive) message keeps no ciphertext once given up. Base64url has no quote,
-- so the pattern cannot run past the value; the JSON is edited as text because cjson would
-- round the item's 16-digit numbers.
json = string.gsub(json, '"sealed":"[%w_%-]*"', '"sealed":""')
local entry = cjson.encode({
  item = json,
  attempts = redis.call('HGET', p .. 'outbox:attempts', id),
  notBefore = redis.call('ZSCORE', p .. 'outbox:due', id),
  error = ARGV[3],
})
${REMOVE_OUTBOX}
redis.call('LPUSH', p .. 'outbox:failed', entry)
redis.call('LTRIM', p .. 'outbox:failed', 0, tonumber(ARGV[4]) - 1)
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
  parleyVaultTake: VAULT_TAKE,
  parleyVaultPeek: VAULT_PEEK,
  parleySweep: SWEEP,
} as const;
