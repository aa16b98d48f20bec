package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/alerts"
)

// enqueueScript: KEYS = send stream, the offer's "already told" set, later; ARGV = prefix,
// item, then chat, chat bucket pairs. Adds the item to each subscribed chat's pending set unless it was told
// already, and queues an entry for a chat whose pending set was empty and which is not
// waiting for tomorrow. Returns how many chats got the item.
var enqueueScript = redis.NewScript(`
local n = 0
for i = 3, #ARGV, 2 do
  local chat = ARGV[i]
  if redis.call('HEXISTS', ARGV[i + 1], chat) == 1 and redis.call('SISMEMBER', KEYS[2], chat) == 0 then
    local p = ARGV[1] .. 'p:' .. chat
    if redis.call('SADD', p, ARGV[2]) == 1 then
      redis.call('EXPIRE', p, 604800)
      n = n + 1
      if redis.call('SCARD', p) == 1 and not redis.call('ZSCORE', KEYS[3], chat) then
        redis.call('XADD', KEYS[1], '*', 'c', chat)
      end
    end
  end
end
return n
`)

// takeScript decides a batch of entries: KEYS = later, then per entry its chat's pending set,
// day marker, the entry's claim and the chat's bucket; ARGV = today (YYYY-MM-DD), when to
// try again (Unix s), prefix, then the entries' chats. Returns action, lang, items per entry.
// The day marker holds the day of the chat's last message (the injected clock's, not Redis's).
var takeScript = redis.NewScript(`
local out = {}
local function take(pending, day, claim, bucket, chat)
  local lang = redis.call('HGET', bucket, chat)
  if not lang then
    redis.call('DEL', pending, claim)
    return 'skip', '', ''
  end
  local claimed = redis.call('GET', claim)
  if claimed then return 'send', lang, claimed end
  if redis.call('SCARD', pending) == 0 then return 'skip', '', '' end
  if redis.call('GET', day) == ARGV[1] then
    redis.call('ZADD', KEYS[1], ARGV[2], chat)
    return 'later', '', ''
  end
  local items = redis.call('SMEMBERS', pending)
  table.sort(items)
  redis.call('DEL', pending)
  redis.call('SET', day, ARGV[1], 'EX', 172800)
  local s = table.concat(items, ',')
  redis.call('SET', claim, s, 'EX', 86400)
  for _, it in ipairs(items) do
    local kind, offer = string.match(it, '^(%a):(.+)$')
    if offer then
      local told = ARGV[3] .. (kind == 'r' and 'rgot:' or 'got:') .. offer
      redis.call('SADD', told, chat)
      redis.call('EXPIRE', told, 7776000)
    end
  end
  return 'send', lang, s
end
for j = 4, #ARGV do
  local k = 2 + (j - 4) * 4
  local action, lang, items = take(KEYS[k], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[j])
  table.insert(out, action); table.insert(out, lang); table.insert(out, items)
end
return out
`)

// doneScript: KEYS = send stream, then the entries' claims; ARGV = group, then entry ids.
var doneScript = redis.NewScript(`
local ids = {}
for i = 2, #ARGV do table.insert(ids, ARGV[i]) end
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
redis.call('XDEL', KEYS[1], unpack(ids))
if #KEYS > 1 then redis.call('DEL', unpack(KEYS, 2)) end
return #ids
`)

// promoteScript: KEYS = later, send stream; ARGV = now (Unix s), limit.
var promoteScript = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, c in ipairs(due) do
  redis.call('ZREM', KEYS[1], c)
  redis.call('XADD', KEYS[2], '*', 'c', c)
end
return #due
`)

// FanOut scans the change's subscriber sets (or, for a reminder, the chats told about the
// offer) batch by batch with SSCAN and queues the chats; memory stays one batch.
func (a *Alerts) FanOut(ctx context.Context, c alerts.Change, batch int) (int, error) {
	told := a.prefix + "got:" + c.Offer
	sources := []string{told}
	if c.Remind {
		told = a.prefix + "rgot:" + c.Offer
	} else {
		sources = sources[:0]
		for _, k := range c.Keys {
			sources = append(sources, a.subKey(k))
		}
	}
	keys := []string{a.prefix + "q", told, a.prefix + "later"}
	total := 0
	for _, src := range sources {
		var cursor uint64
		for {
			chats, next, err := a.client.SScan(ctx, src, cursor, "", int64(batch)).Result()
			if err != nil {
				return total, fmt.Errorf("store: scan subscribers: %w", err)
			}
			if len(chats) > 0 {
				args := make([]any, 0, 2*len(chats)+2)
				args = append(args, a.prefix, c.Item())
				for _, ch := range chats {
					args = append(args, ch, a.chatKey(ch))
				}
				n, err := enqueueScript.Run(ctx, a.client, keys, args...).Int()
				if err != nil {
					return total, fmt.Errorf("store: queue alerts: %w", err)
				}
				total += n
			}
			if cursor = next; cursor == 0 {
				break
			}
		}
	}
	return total, nil
}

// ReadSend returns send entries: reclaimed ones first, then new ones.
func (a *Alerts) ReadSend(ctx context.Context, consumer string, count int, idle, block time.Duration) ([]alerts.Entry, error) {
	msgs, err := a.read(ctx, a.prefix+"q", sendGroup, consumer, count, idle, block)
	if err != nil {
		return nil, err
	}
	out := make([]alerts.Entry, 0, len(msgs))
	for _, m := range msgs {
		chat, _ := m.Values["c"].(string)
		out = append(out, alerts.Entry{ID: m.ID, Chat: chat})
	}
	return out, nil
}

// Take decides a batch of entries in one script; see alerts.Queue.
func (a *Alerts) Take(ctx context.Context, es []alerts.Entry, now time.Time) ([]alerts.Task, error) {
	if len(es) == 0 {
		return nil, nil
	}
	y, m, d := now.UTC().Date()
	retry := time.Date(y, m, d+1, 9, 0, 0, 0, time.UTC) // 9:00 in Dakar: no alert wakes anyone up
	keys := make([]string, 0, 1+4*len(es))
	keys = append(keys, a.prefix+"later")
	args := make([]any, 0, 3+len(es))
	args = append(args, now.UTC().Format(time.DateOnly), unix(retry), a.prefix)
	for _, e := range es {
		keys = append(keys, a.pendingKey(e.Chat), a.prefix+"d:"+e.Chat, a.prefix+"m:"+e.ID, a.chatKey(e.Chat))
		args = append(args, e.Chat)
	}
	res, err := takeScript.Run(ctx, a.client, keys, args...).StringSlice()
	if err != nil || len(res) != 3*len(es) {
		return nil, fmt.Errorf("store: take alerts (%d answers): %w", len(res), err)
	}
	out := make([]alerts.Task, len(es))
	for i := range es {
		switch res[3*i] {
		case "send":
			out[i] = alerts.Task{Action: alerts.ActSend, Lang: res[3*i+1], Items: strings.Split(res[3*i+2], ",")}
		case "later":
			out[i].Action = alerts.ActLater
		}
	}
	return out, nil
}

// Done acknowledges and deletes a batch of send entries and drops their claims, in one script.
func (a *Alerts) Done(ctx context.Context, es []alerts.Entry) error {
	if len(es) == 0 {
		return nil
	}
	keys := []string{a.prefix + "q"}
	args := []any{sendGroup}
	for _, e := range es {
		keys = append(keys, a.prefix+"m:"+e.ID)
		args = append(args, e.ID)
	}
	if err := doneScript.Run(ctx, a.client, keys, args...).Err(); err != nil {
		return fmt.Errorf("store: alerts done: %w", err)
	}
	return nil
}

// Promote moves up to 1,000 chats whose day has passed back into the send queue.
func (a *Alerts) Promote(ctx context.Context, now time.Time) (int, error) {
	n, err := promoteScript.Run(ctx, a.client, []string{a.prefix + "later", a.prefix + "q"}, unix(now), 1000).Int()
	if err != nil {
		return 0, fmt.Errorf("store: promote alerts: %w", err)
	}
	return n, nil
}
