package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/flows"
)

// Alert keys (prefix "sy:"; every key shares the hash tag {al}, so the scripts that touch a
// chat's entry and its subscription sets together stay in one Cluster slot):
//
//	sy:{al}:s:<need>:<place>  SET   chat ids subscribed to a need in a place (flows.Subscription.Key)
//	sy:{al}:c:<bucket>        HASH  chat id → language, for chats with at least one alert,
//	                                spread over chatBuckets small hashes (Redis packs them tightly)
//
// Nothing else is kept about a subscriber: a chat's alerts are the sets it is a member of.
// The send queue's keys are in alertqueue.go.
type Alerts struct {
	client redis.UniversalClient
	prefix string
}

// chatBuckets spreads the per-chat entries so each hash stays small enough for Redis's
// compact encoding (128 fields) up to about 400,000 subscribed chats.
const chatBuckets = 4096

// Compile-time check that Alerts is what the engine consumes.
var _ flows.Alerts = (*Alerts)(nil)

// NewAlerts returns the alert subscriptions and send queue over client; prefix "" = "sy:".
func NewAlerts(client redis.UniversalClient, prefix string) *Alerts {
	return &Alerts{client: client, prefix: cmp.Or(prefix, DefaultPrefix) + "{al}:"}
}

// subKey is the set of chats subscribed to key.
func (a *Alerts) subKey(key string) string { return a.prefix + "s:" + key }

// chatKey is the hash that holds the chat's language and subscription keys.
func (a *Alerts) chatKey(chat string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(chat))
	return a.prefix + "c:" + strconv.Itoa(int(h.Sum32()%chatBuckets))
}

// subscribeScript: KEYS = chat bucket, set; ARGV = chat, lang. Returns 1 when new.
var subscribeScript = redis.NewScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('SADD', KEYS[2], ARGV[1])
`)

// unsubscribeScript: KEYS = chat bucket, set; ARGV = chat, set prefix, then every possible
// key. Returns 1 when the chat had that alert; forgets its language when it was the last.
var unsubscribeScript = redis.NewScript(`
local n = redis.call('SREM', KEYS[2], ARGV[1])
for i = 3, #ARGV do
  if redis.call('SISMEMBER', ARGV[2] .. ARGV[i], ARGV[1]) == 1 then return n end
end
redis.call('HDEL', KEYS[1], ARGV[1])
return n
`)

// unsubscribeAllScript: KEYS = chat bucket, pending set; ARGV = chat, set prefix, then
// every possible key. Returns how many alerts the chat had.
var unsubscribeAllScript = redis.NewScript(`
local n = 0
for i = 3, #ARGV do n = n + redis.call('SREM', ARGV[2] .. ARGV[i], ARGV[1]) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return n
`)

// listScript: ARGV = chat, set prefix, then every possible key. Returns the chat's keys.
var listScript = redis.NewScript(`
local out = {}
for i = 3, #ARGV do
  if redis.call('SISMEMBER', ARGV[2] .. ARGV[i], ARGV[1]) == 1 then table.insert(out, ARGV[i]) end
end
return out
`)

// withKeys is chat, the set prefix and every possible subscription key, as script arguments.
func (a *Alerts) withKeys(chat string) []any {
	keys := flows.SubscriptionKeys()
	args := make([]any, 0, len(keys)+2)
	args = append(args, chat, a.prefix+"s:")
	for _, k := range keys {
		args = append(args, k)
	}
	return args
}

// Subscribe adds chat to sub and records its language.
func (a *Alerts) Subscribe(ctx context.Context, chat, lang string, sub flows.Subscription) (bool, error) {
	key := sub.Key()
	n, err := subscribeScript.Run(ctx, a.client, []string{a.chatKey(chat), a.subKey(key)}, chat, lang).Int64()
	if err != nil {
		return false, fmt.Errorf("store: subscribe: %w", err)
	}
	return n == 1, nil
}

// Subscriptions lists the chat's alerts sorted by key.
func (a *Alerts) Subscriptions(ctx context.Context, chat string) ([]flows.Subscription, error) {
	fields, err := listScript.Run(ctx, a.client, []string{a.prefix + "s:"}, a.withKeys(chat)...).StringSlice()
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
	n, err := unsubscribeScript.Run(ctx, a.client, []string{a.chatKey(chat), a.subKey(key)}, a.withKeys(chat)...).Int64()
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe: %w", err)
	}
	return n == 1, nil
}

// UnsubscribeAll removes every alert of the chat and what was waiting to be sent to it.
func (a *Alerts) UnsubscribeAll(ctx context.Context, chat string) (int, error) {
	n, err := unsubscribeAllScript.Run(ctx, a.client, []string{a.chatKey(chat), a.pendingKey(chat)},
		a.withKeys(chat)...).Int()
	if err != nil {
		return 0, fmt.Errorf("store: remove alerts: %w", err)
	}
	return n, nil
}

// Lang is the language a subscribed chat chose, "" when it has no alert any more.
func (a *Alerts) Lang(ctx context.Context, chat string) (string, error) {
	lang, err := a.client.HGet(ctx, a.chatKey(chat), chat).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: alert language: %w", err)
	}
	return lang, nil
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
