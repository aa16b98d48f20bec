package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/flows"
)

// Alert keys (prefix "sy:"; every key shares the hash tag {al}, so the scripts that touch a
// chat's hash and its subscription sets together stay in one Cluster slot):
//
//	sy:{al}:s:<need>:<place>  SET   chat ids subscribed to a need in a place (flows.Subscription.Key)
//	sy:{al}:c:<chat>          HASH  "l" → language, and one field per subscription key → "1"
//
// Nothing else is kept about a subscriber. The send queue's keys are in alertqueue.go.
type Alerts struct {
	client redis.UniversalClient
	prefix string
}

// Compile-time check that Alerts is what the engine consumes.
var _ flows.Alerts = (*Alerts)(nil)

// NewAlerts returns the alert subscriptions and send queue over client; prefix "" = "sy:".
func NewAlerts(client redis.UniversalClient, prefix string) *Alerts {
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return &Alerts{client: client, prefix: prefix + "{al}:"}
}

// subKey is the set of chats subscribed to key.
func (a *Alerts) subKey(key string) string { return a.prefix + "s:" + key }

// chatKey is the chat's hash of language and subscriptions.
func (a *Alerts) chatKey(chat string) string { return a.prefix + "c:" + chat }

// subscribeScript: KEYS = chat hash, set; ARGV = chat, lang, sub key. Returns 1 when new.
var subscribeScript = redis.NewScript(`
redis.call('HSET', KEYS[1], 'l', ARGV[2], ARGV[3], '1')
return redis.call('SADD', KEYS[2], ARGV[1])
`)

// unsubscribeScript: KEYS = chat hash, set; ARGV = chat, sub key. Returns 1 when it was there.
var unsubscribeScript = redis.NewScript(`
local n = redis.call('SREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[2])
if redis.call('HLEN', KEYS[1]) <= 1 then redis.call('DEL', KEYS[1]) end
return n
`)

// unsubscribeAllScript: KEYS = chat hash, pending set; ARGV = chat, set prefix. Returns how
// many subscriptions there were. The set names come from the chat's own hash (one slot).
var unsubscribeAllScript = redis.NewScript(`
local n = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if f ~= 'l' then
    redis.call('SREM', ARGV[2] .. f, ARGV[1])
    n = n + 1
  end
end
redis.call('DEL', KEYS[1], KEYS[2])
return n
`)

// Subscribe adds chat to sub and records its language.
func (a *Alerts) Subscribe(ctx context.Context, chat, lang string, sub flows.Subscription) (bool, error) {
	key := sub.Key()
	n, err := subscribeScript.Run(ctx, a.client, []string{a.chatKey(chat), a.subKey(key)}, chat, lang, key).Int64()
	if err != nil {
		return false, fmt.Errorf("store: subscribe: %w", err)
	}
	return n == 1, nil
}

// Subscriptions lists the chat's alerts sorted by key.
func (a *Alerts) Subscriptions(ctx context.Context, chat string) ([]flows.Subscription, error) {
	fields, err := a.client.HKeys(ctx, a.chatKey(chat)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: list alerts: %w", err)
	}
	sort.Strings(fields)
	var out []flows.Subscription
	for _, f := range fields {
		if s, ok := flows.ParseSubscription(f); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// Unsubscribe removes one alert of the chat.
func (a *Alerts) Unsubscribe(ctx context.Context, chat string, sub flows.Subscription) (bool, error) {
	key := sub.Key()
	n, err := unsubscribeScript.Run(ctx, a.client, []string{a.chatKey(chat), a.subKey(key)}, chat, key).Int64()
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe: %w", err)
	}
	return n == 1, nil
}

// UnsubscribeAll removes every alert of the chat and what was waiting to be sent to it.
func (a *Alerts) UnsubscribeAll(ctx context.Context, chat string) (int, error) {
	n, err := unsubscribeAllScript.Run(ctx, a.client, []string{a.chatKey(chat), a.pendingKey(chat)},
		chat, a.prefix+"s:").Int()
	if err != nil {
		return 0, fmt.Errorf("store: remove alerts: %w", err)
	}
	return n, nil
}

// Lang is the language a subscribed chat chose, "" when it has no alert any more.
func (a *Alerts) Lang(ctx context.Context, chat string) (string, error) {
	l, err := a.client.HGet(ctx, a.chatKey(chat), "l").Result()
	if err == redis.Nil {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: alert language: %w", err)
	}
	return l, nil
}

// pendingKey is the set of offers waiting for the chat's next alert message.
func (a *Alerts) pendingKey(chat string) string { return a.prefix + "p:" + chat }

// Counts returns how many chats each subscription key has (anonymous: only the counts).
func (a *Alerts) Counts(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	base := a.prefix + "s:"
	err := a.scan(ctx, base+"*", func(key string) error {
		n, err := a.client.SCard(ctx, key).Result()
		if err != nil {
			return err
		}
		if n > 0 {
			out[key[len(base):]] = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: count alerts: %w", err)
	}
	return out, nil
}

// scan calls fn for every key matching pattern, on every master of a Cluster.
func (a *Alerts) scan(ctx context.Context, pattern string, fn func(string) error) error {
	each := func(ctx context.Context, c *redis.Client) error {
		it := c.Scan(ctx, 0, pattern, 200).Iterator()
		for it.Next(ctx) {
			if err := fn(it.Val()); err != nil {
				return err
			}
		}
		return it.Err()
	}
	if cc, ok := a.client.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, each)
	}
	if c, ok := a.client.(*redis.Client); ok {
		return each(ctx, c)
	}
	return fmt.Errorf("store: cannot scan a %T", a.client)
}
