package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/alerts"
)

// Send-queue keys, beside the subscriptions (all under the hash tag {al}):
//
//	sy:{al}:base             STRING  set by the first Record: what was open then is not news
//	sy:{al}:seen:o:OFFER:OPENS SET   subscription keys already alerted for that opening (400 days)
//	sy:{al}:rem:r:OFFER:CLOSES STRING a closing reminder already recorded (45 days)
//	sy:{al}:held             HASH    change id → new keys, waiting for release (staff approval)
//	sy:{al}:fan              STREAM  released changes; consumer group "fan"
//	sy:{al}:q                STREAM  one entry per chat with pending items; consumer group "send"
//	sy:{al}:p:CHAT           SET     items waiting for the chat's next message (7 days)
//	sy:{al}:d:CHAT           STRING  the day of the chat's last alert message (2 days)
//	sy:{al}:later            ZSET    chats to queue again when their day has passed
//	sy:{al}:m:ENTRY          STRING  items claimed by a send entry, so a retry sends the same (1 day)
//	sy:{al}:got:OFFER, rgot:OFFER SET chats told about an offer, reminded of it (90 days)
const (
	fanGroup  = "fan"
	sendGroup = "send"
)

// Compile-time check that Alerts is the alerts' queue.
var _ alerts.Queue = (*Alerts)(nil)

// recordScript: KEYS = base, held; ARGV = prefix, then per change: id, remind (0|1), key
// count, keys. Returns id, new keys (comma-joined) pairs.
var recordScript = redis.NewScript(`
local fresh = redis.call('SET', KEYS[1], '1', 'NX') and true or false
local out = {}
local i = 2
while i <= #ARGV do
  local id, remind, n = ARGV[i], ARGV[i + 1] == '1', tonumber(ARGV[i + 2])
  i = i + 3
  if remind then
    if redis.call('SET', ARGV[1] .. 'rem:' .. id, '1', 'NX', 'EX', 3888000) and not fresh then
      redis.call('HSET', KEYS[2], id, '')
      table.insert(out, id); table.insert(out, '')
    end
  else
    local seen, new = ARGV[1] .. 'seen:' .. id, {}
    for j = i, i + n - 1 do
      if redis.call('SADD', seen, ARGV[j]) == 1 then table.insert(new, ARGV[j]) end
    end
    redis.call('EXPIRE', seen, 34560000)
    if #new > 0 and not fresh then
      local keys = table.concat(new, ',')
      local cur = redis.call('HGET', KEYS[2], id)
      if cur and cur ~= '' then cur = cur .. ',' .. keys else cur = keys end
      redis.call('HSET', KEYS[2], id, cur)
      table.insert(out, id); table.insert(out, keys)
    end
  end
  i = i + n
end
return out
`)

// releaseScript: KEYS = held, fan stream. Moves every held change to the stream.
var releaseScript = redis.NewScript(`
local h = redis.call('HGETALL', KEYS[1])
for i = 1, #h, 2 do redis.call('XADD', KEYS[2], '*', 'c', h[i], 'k', h[i + 1]) end
redis.call('DEL', KEYS[1])
return #h / 2
`)

// Record keeps what is new and holds it; see alerts.Queue.
func (a *Alerts) Record(ctx context.Context, changes []alerts.Change) ([]alerts.Change, error) {
	args := []any{a.prefix}
	for _, c := range changes {
		remind := "0"
		if c.Remind {
			remind = "1"
		}
		args = append(args, c.ID(), remind, len(c.Keys))
		for _, k := range c.Keys {
			args = append(args, k)
		}
	}
	res, err := recordScript.Run(ctx, a.client, []string{a.prefix + "base", a.prefix + "held"}, args...).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("store: record alert changes: %w", err)
	}
	return pairsToChanges(res)
}

// pairsToChanges reads id, comma-joined keys pairs.
func pairsToChanges(res []string) ([]alerts.Change, error) {
	var out []alerts.Change
	for i := 0; i+1 < len(res); i += 2 {
		c, err := alerts.ParseID(res[i])
		if err != nil {
			return nil, err
		}
		if res[i+1] != "" {
			c.Keys = strings.Split(res[i+1], ",")
		}
		out = append(out, c)
	}
	return out, nil
}

// Held lists the changes waiting for release.
func (a *Alerts) Held(ctx context.Context) ([]alerts.Change, error) {
	h, err := a.client.HGetAll(ctx, a.prefix+"held").Result()
	if err != nil {
		return nil, fmt.Errorf("store: held alerts: %w", err)
	}
	var res []string
	for id, keys := range h {
		res = append(res, id, keys)
	}
	return pairsToChanges(res)
}

// Release queues every held change for fan-out.
func (a *Alerts) Release(ctx context.Context) (int, error) {
	n, err := releaseScript.Run(ctx, a.client, []string{a.prefix + "held", a.prefix + "fan"}).Int()
	if err != nil {
		return 0, fmt.Errorf("store: release alerts: %w", err)
	}
	return n, nil
}

// Reach is how many chats a change can reach at most.
func (a *Alerts) Reach(ctx context.Context, c alerts.Change) (int64, error) {
	keys := []string{a.prefix + "got:" + c.Offer}
	if !c.Remind {
		keys = keys[:0]
		for _, k := range c.Keys {
			keys = append(keys, a.subKey(k))
		}
	}
	var total int64
	for _, k := range keys {
		n, err := a.client.SCard(ctx, k).Result()
		if err != nil {
			return 0, fmt.Errorf("store: alert reach: %w", err)
		}
		total += n
	}
	return total, nil
}

// ensureGroup creates a stream's consumer group (and the stream) unless it exists.
func (a *Alerts) ensureGroup(ctx context.Context, stream, group string) error {
	err := a.client.XGroupCreateMkStream(ctx, stream, group, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("store: create group %s: %w", group, err)
	}
	return nil
}

// read returns a stream's entries for consumer: those idle longer than idle first (a
// consumer died holding them), then new ones, waiting up to block.
func (a *Alerts) read(ctx context.Context, stream, group, consumer string, count int, idle, block time.Duration) ([]redis.XMessage, error) {
	if err := a.ensureGroup(ctx, stream, group); err != nil {
		return nil, err
	}
	msgs, _, err := a.client.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: stream, Group: group,
		Consumer: consumer, MinIdle: idle, Start: "0-0", Count: int64(count)}).Result()
	if err != nil {
		return nil, fmt.Errorf("store: claim %s: %w", stream, err)
	}
	if len(msgs) > 0 {
		return msgs, nil
	}
	res, err := a.client.XReadGroup(ctx, &redis.XReadGroupArgs{Group: group, Consumer: consumer,
		Streams: []string{stream, ">"}, Count: int64(count), Block: block}).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", stream, err)
	}
	return res[0].Messages, nil
}

// ReadFan returns released changes to fan out.
func (a *Alerts) ReadFan(ctx context.Context, consumer string, idle, block time.Duration) ([]alerts.Fan, error) {
	msgs, err := a.read(ctx, a.prefix+"fan", fanGroup, consumer, 4, idle, block)
	if err != nil {
		return nil, err
	}
	var out []alerts.Fan
	for _, m := range msgs {
		id, _ := m.Values["c"].(string)
		keys, _ := m.Values["k"].(string)
		c, err := alerts.ParseID(id)
		if err != nil {
			_ = a.AckFan(ctx, m.ID) // not ours to understand: drop it
			continue
		}
		if keys != "" {
			c.Keys = strings.Split(keys, ",")
		}
		out = append(out, alerts.Fan{ID: m.ID, Change: c})
	}
	return out, nil
}

// AckFan acknowledges and deletes a fanned-out change.
func (a *Alerts) AckFan(ctx context.Context, id string) error {
	return a.ack(ctx, a.prefix+"fan", fanGroup, id)
}

// ack acknowledges and deletes a stream entry, so the streams hold only pending work.
func (a *Alerts) ack(ctx context.Context, stream, group, id string) error {
	_, err := a.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAck(ctx, stream, group, id)
		p.XDel(ctx, stream, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: ack %s: %w", stream, err)
	}
	return nil
}

// unix is t in whole seconds, for scripts.
func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// QueueSizes counts the work in the queues: released changes not yet fanned out, chats
// waiting for their message, and chats waiting for tomorrow.
func (a *Alerts) QueueSizes(ctx context.Context) (fan, send, later int64, err error) {
	var cmds [3]*redis.IntCmd
	_, err = a.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		cmds[0] = p.XLen(ctx, a.prefix+"fan")
		cmds[1] = p.XLen(ctx, a.prefix+"q")
		cmds[2] = p.ZCard(ctx, a.prefix+"later")
		return nil
	})
	if err != nil {
		return 0, 0, 0, fmt.Errorf("store: alert queue sizes: %w", err)
	}
	return cmds[0].Val(), cmds[1].Val(), cmds[2].Val(), nil
}
