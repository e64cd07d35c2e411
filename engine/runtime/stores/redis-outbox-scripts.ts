/**
 * The outbox's Lua scripts of the Redis store (key layout in redis-scripts.ts): items are
 * written with their lane and age indexes, claimed per lane or all at once, and removed from
 * every index together. Also the token bucket several processes share.
 */

/** Appends outbox items read from ARGV starting at index `i` (count, then 5 fields each). */
export const INSERT_OUTBOX = `
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local id = ARGV[i]
  local it = cjson.decode(ARGV[i + 1])
  local lane = it.platform .. '|' .. (it.proactive and '1' or '0')
  redis.call('HSET', p .. 'outbox:items', id, ARGV[i + 1])
  redis.call('HSET', p .. 'outbox:order', id, ARGV[i + 3])
  redis.call('HSET', p .. 'outbox:attempts', id, ARGV[i + 4])
  redis.call('HSET', p .. 'outbox:lane', id, lane)
  redis.call('ZADD', p .. 'outbox:due', ARGV[i + 2], id)
  redis.call('ZADD', p .. 'outbox:due:' .. lane, ARGV[i + 2], id)
  redis.call('ZADD', p .. 'outbox:age:' .. it.platform, it.createdAt, id)
  redis.call('SADD', p .. 'outbox:platforms', it.platform)
  redis.call('ZADD', p .. 'oconv:' .. it.key, 0, ARGV[i + 3] .. '|' .. id)
  i = i + 5
end
`;

/** Moves item \`id\` to notBefore \`nb\` in the due set and in its lane's. */
const SET_DUE = `
local function setDue(id, nb)
  redis.call('ZADD', p .. 'outbox:due', nb, id)
  local lane = redis.call('HGET', p .. 'outbox:lane', id)
  if lane then redis.call('ZADD', p .. 'outbox:due:' .. lane, nb, id) end
end
`;

/**
 * ARGV: prefix, now, limit, leaseUntil, scanCap, lane ('' = every lane). Looks at up to
 * scanCap due items (of the lane), sorts them by (createdAt, seq, id) and leases the first
 * \`limit\`. Returns id, json, attempts...
 */
export const CLAIM_OUTBOX = `
local p = ARGV[1]
${SET_DUE}
local due = ARGV[6] == '' and 'outbox:due' or 'outbox:due:' .. ARGV[6]
local ids = redis.call('ZRANGEBYSCORE', p .. due, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[5]))
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
    -- this claim, it is waiting (retry or lease) or in another lane, so this one waits.
    local earlier = redis.call('ZREVRANGEBYLEX', p .. 'oconv:' .. key, '(' .. rows[j][1] .. '|' .. id, '-', 'LIMIT', 0, 1)
    if #earlier > 0 and not taken[earlier[1]] then
      blocked[key] = true
    else
      taken[rows[j][1] .. '|' .. id] = true
      setDue(id, ARGV[4])
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
${SET_DUE}
if redis.call('HEXISTS', p .. 'outbox:items', ARGV[2]) == 0 then return 0 end
setDue(ARGV[2], ARGV[3])
redis.call('HSET', p .. 'outbox:attempts', ARGV[2], ARGV[4])
return 1
`;

const REMOVE_OUTBOX = `
local removed = redis.call('HGET', p .. 'outbox:items', id)
if removed then
  local it = cjson.decode(removed)
  redis.call('ZREM', p .. 'oconv:' .. it.key, redis.call('HGET', p .. 'outbox:order', id) .. '|' .. id)
  redis.call('ZREM', p .. 'outbox:age:' .. it.platform, id)
end
local lane = redis.call('HGET', p .. 'outbox:lane', id)
if lane then redis.call('ZREM', p .. 'outbox:due:' .. lane, id) end
redis.call('HDEL', p .. 'outbox:lane', id)
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
local kept = string.gsub(json, '"sealed":"[%w_%-]*"', '"sealed":""')
local entry = cjson.encode({
  item = kept,
  attempts = redis.call('HGET', p .. 'outbox:attempts', id),
  notBefore = redis.call('ZSCORE', p .. 'outbox:due', id),
  error = ARGV[3],
})
${REMOVE_OUTBOX}
redis.call('LPUSH', p .. 'outbox:failed', entry)
redis.call('LTRIM', p .. 'outbox:failed', 0, tonumber(ARGV[4]) - 1)
return 1
`;

/** ARGV: prefix. Returns platform, size, oldest createdAt per platform with items. */
export const OUTBOX_BACKLOG = `
local p = ARGV[1]
local out = {}
for _, platform in ipairs(redis.call('SMEMBERS', p .. 'outbox:platforms')) do
  local age = p .. 'outbox:age:' .. platform
  local size = redis.call('ZCARD', age)
  if size == 0 then
    redis.call('SREM', p .. 'outbox:platforms', platform)
  else
    local first = redis.call('ZRANGE', age, 0, 0, 'WITHSCORES')
    out[#out + 1] = platform
    out[#out + 1] = size
    out[#out + 1] = first[2]
  end
end
return out
`;

/**
 * ARGV: prefix, bucket, perSecond, capacity, now. A token bucket every process shares:
 * refills by the time since its last use (a clock that went back adds nothing), takes one
 * token and returns 0, or returns the milliseconds until a token is due.
 */
export const TAKE_TOKEN = `
local k = ARGV[1] .. 'bucket:' .. ARGV[2]
local rate = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
local now = tonumber(ARGV[5])
local v = redis.call('HMGET', k, 'tokens', 'at')
local tokens = tonumber(v[1]) or cap
local at = tonumber(v[2]) or now
if now > at then
  tokens = math.min(cap, tokens + (now - at) * rate / 1000)
  at = now
end
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', k, 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', k, math.ceil(cap * 1000 / rate) + 60000)
return wait
`;
