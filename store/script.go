package store

import "github.com/redis/go-redis/v9"

// Result codes of saveScript (a positive result is the new revision).
const (
	codeConflict  = -1
	codeDuplicate = -2
	codeCorrupt   = -3
)

// saveScript is the compare-and-set: KEYS = session, dedupe set; ARGV = expected rev, data,
// ttl ms, update id ("" for none), now ms, dedupe window ms. It refuses an update id already
// handled inside the window, refuses a stale revision, then writes "<rev+1><payload>" (ARGV[2]
// starts with the codec's marker) with the TTL, trims expired update ids and records this
// one. A value without a revision counts as revision 0 (Load reports it as absent), is
// overwritten, and the write reports -3.
var saveScript = redis.NewScript(`
local now = tonumber(ARGV[5])
local win = tonumber(ARGV[6])
if ARGV[4] ~= '' then
  local sc = redis.call('ZSCORE', KEYS[2], ARGV[4])
  if sc and tonumber(sc) > now - win then return -2 end
end
local cur = redis.call('GET', KEYS[1])
local rev = 0
local corrupt = false
if cur then
  local m = string.match(cur, '^(%d+)[|:]')
  rev = m and tonumber(m)
  if not rev then rev = 0; corrupt = true end
end
if rev ~= tonumber(ARGV[1]) then return -1 end
local nrev = rev + 1
redis.call('SET', KEYS[1], nrev .. ARGV[2], 'PX', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - win)
  redis.call('ZADD', KEYS[2], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[2], win)
end
if corrupt then return -3 end
return nrev
`)
