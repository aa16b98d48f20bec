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
// item, then chats. Adds the item to each subscribed chat's pending set unless it was told
// already, and queues an entry for a chat whose pending set was empty and which is not
// waiting for tomorrow. Returns how many chats got the item.
var enqueueScript = redis.NewScript(`
local n = 0
for i = 3, #ARGV do
  local chat = ARGV[i]
  if redis.call('EXISTS', ARGV[1] .. 'c:' .. chat) == 1 and redis.call('SISMEMBER', KEYS[2], chat) == 0 then
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

// takeScript: KEYS = pending, day marker, later, entry claim, chat hash; ARGV = chat, today
// (YYYY-MM-DD), when to try again (Unix s), prefix. Returns {action, lang, items}. The day
// marker holds the day of the chat's last message (the injected clock's, not Redis's).
var takeScript = redis.NewScript(`
local lang = redis.call('HGET', KEYS[5], 'l')
local claimed = redis.call('GET', KEYS[4])
if not lang then
  redis.call('DEL', KEYS[1], KEYS[4])
  return {'skip'}
end
if claimed then return {'send', lang, claimed} end
if redis.call('SCARD', KEYS[1]) == 0 then return {'skip'} end
if redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
  return {'later'}
end
local items = redis.call('SMEMBERS', KEYS[1])
table.sort(items)
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[2], 'EX', 172800)
local s = table.concat(items, ',')
redis.call('SET', KEYS[4], s, 'EX', 86400)
for _, it in ipairs(items) do
  local kind, offer = string.match(it, '^(%a):(.+)$')
  if offer then
    local told = ARGV[4] .. (kind == 'r' and 'rgot:' or 'got:') .. offer
    redis.call('SADD', told, ARGV[1])
    redis.call('EXPIRE', told, 7776000)
  end
end
return {'send', lang, s}
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
				args := make([]any, 0, len(chats)+2)
				args = append(args, a.prefix, c.Item())
				for _, ch := range chats {
					args = append(args, ch)
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

// Take decides an entry; see alerts.Queue.
func (a *Alerts) Take(ctx context.Context, e alerts.Entry, now time.Time) (alerts.Task, error) {
	y, m, d := now.UTC().Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
	retry := midnight.Add(9 * time.Hour) // 9:00 in Dakar: no alert wakes anyone up
	keys := []string{a.pendingKey(e.Chat), a.prefix + "d:" + e.Chat, a.prefix + "later",
		a.prefix + "m:" + e.ID, a.chatKey(e.Chat)}
	res, err := takeScript.Run(ctx, a.client, keys, e.Chat, now.UTC().Format(time.DateOnly), unix(retry), a.prefix).StringSlice()
	if err != nil {
		return alerts.Task{}, fmt.Errorf("store: take alert: %w", err)
	}
	switch res[0] {
	case "send":
		return alerts.Task{Action: alerts.ActSend, Lang: res[1], Items: strings.Split(res[2], ",")}, nil
	case "later":
		return alerts.Task{Action: alerts.ActLater}, nil
	}
	return alerts.Task{Action: alerts.ActSkip}, nil
}

// Done acknowledges a send entry and drops its claim.
func (a *Alerts) Done(ctx context.Context, e alerts.Entry) error {
	if err := a.ack(ctx, a.prefix+"q", sendGroup, e.ID); err != nil {
		return err
	}
	if err := a.client.Del(ctx, a.prefix+"m:"+e.ID).Err(); err != nil {
		return fmt.Errorf("store: drop alert claim: %w", err)
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
