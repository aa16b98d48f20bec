package store

import "github.com/redis/go-redis/v9"

// Result codes of saveScript (a positive result is the new revision).
const (
	codeConflict  = -1
	codeDuplicate = -2
	codeCorrupt   = -3
)

// saveScript is the compare-and-set: KEYS = session; ARGV = expected rev, payload (starting
// with the codec's marker), ttl ms, the update's 4-byte seen code ("" for none). It refuses a
// stale revision, then writes "<rev+1>:~<n><ids><payload>" with the TTL, where the ids are
// this update's code followed by the newest of the stored ones (at most 4 in all). A value
// without a revision counts as revision 0 (Load reports it as absent), is overwritten, and
// the write reports -3. An update among the stored ids is refused (-2) before the revision
// is compared (Load reports it first; this keeps Save's own contract).
var saveScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
local rev = 0
local corrupt = false
local seen = ''
if cur then
  local r, m = string.match(cur, '^(%d+)([|:])')
  rev = r and tonumber(r)
  if not rev then
    rev = 0; corrupt = true
  elseif m == ':' and string.byte(cur, #r + 2) == 126 then
    local n = (string.byte(cur, #r + 3) or 48) - 48
    if n > 0 and n <= 4 then seen = string.sub(cur, #r + 4, #r + 3 + 4 * n) end
  end
end
if ARGV[4] ~= '' then
  for i = 1, #seen, 4 do
    if string.sub(seen, i, i + 3) == ARGV[4] then return -2 end
  end
end
if rev ~= tonumber(ARGV[1]) then return -1 end
if ARGV[4] ~= '' then seen = ARGV[4] .. string.sub(seen, 1, 12) end
local nrev = rev + 1
redis.call('SET', KEYS[1], nrev .. ':~' .. (#seen / 4) .. seen .. ARGV[2], 'PX', ARGV[3])
if corrupt then return -3 end
return nrev
`)
