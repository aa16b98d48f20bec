package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultLinkTTL is how long a staff post stays linked to the chat it came from: a week,
// then a staff reply to it reaches nobody (the user can always write again).
const DefaultLinkTTL = 7 * 24 * time.Hour

// Reminder is a handoff request to re-announce: the chat, its thread and the staff post the
// reminder answers.
type Reminder struct {
	Chat, Thread string
	Post         int64
	At           time.Time
}

// Threads keeps what the human handoff needs across replicas: which chat and thread each
// staff-group post belongs to, and the queue of reminders for unanswered requests.
//
//	sy:handoff:GROUP:POST  STRING "chat\tthread"          expires after the link TTL
//	sy:{chat:ID}:h         SET    posts linked to the chat  (so /oublier removes the links)
//	sy:handoff:due         ZSET   "post\tchat\tthread" -> due unix ms
type Threads struct {
	client redis.UniversalClient
	prefix string
	group  string
	ttl    time.Duration
}

// NewThreads returns the handoff registry of staff group group; it does not contact Redis.
func NewThreads(client redis.UniversalClient, prefix string, group int64, ttl time.Duration) *Threads {
	prefix = cmp.Or(prefix, DefaultPrefix)
	if ttl <= 0 {
		ttl = DefaultLinkTTL
	}
	return &Threads{client: client, prefix: prefix, group: strconv.FormatInt(group, 10), ttl: ttl}
}

// postKey names the link of one staff post.
func (t *Threads) postKey(post int64) string {
	return t.prefix + "handoff:" + t.group + ":" + strconv.FormatInt(post, 10)
}

// dueKey names the reminder queue.
func (t *Threads) dueKey() string { return t.prefix + "handoff:due" }

// Link records that staff post belongs to chat's thread.
func (t *Threads) Link(ctx context.Context, post int64, chat, thread string) error {
	if strings.ContainsRune(chat, '\t') || strings.ContainsRune(thread, '\t') {
		return errors.New("store: link: tab in chat or thread id")
	}
	key, links := t.postKey(post), chatKeysOf(t.prefix, chat).links
	_, err := t.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, key, chat+"\t"+thread, t.ttl)
		p.SAdd(ctx, links, key)
		p.PExpire(ctx, links, t.ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: link staff post: %w", err)
	}
	return nil
}

// Find returns the chat and thread of a staff post; ok is false for a post never linked
// (or linked too long ago).
func (t *Threads) Find(ctx context.Context, post int64) (chat, thread string, ok bool, err error) {
	v, err := t.client.Get(ctx, t.postKey(post)).Result()
	if errors.Is(err, redis.Nil) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("store: find staff post: %w", err)
	}
	chat, thread, ok = strings.Cut(v, "\t")
	return chat, thread, ok, nil
}

// Schedule queues a reminder; a reminder already queued for the same post moves to r.At.
func (t *Threads) Schedule(ctx context.Context, r Reminder) error {
	member := strconv.FormatInt(r.Post, 10) + "\t" + r.Chat + "\t" + r.Thread
	if err := t.client.ZAdd(ctx, t.dueKey(), redis.Z{Score: float64(r.At.UnixMilli()), Member: member}).Err(); err != nil {
		return fmt.Errorf("store: schedule reminder: %w", err)
	}
	return nil
}

// claimScript takes up to ARGV[2] reminders due at ARGV[1] (unix ms) off the queue in one
// step, so each is handed to exactly one replica.
var claimScript = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do redis.call('ZREM', KEYS[1], m) end
return due
`)

// Due claims the reminders due at now, at most max; a claimed reminder is the caller's to
// send (or to Schedule again if it cannot).
func (t *Threads) Due(ctx context.Context, now time.Time, max int) ([]Reminder, error) {
	members, err := claimScript.Run(ctx, t.client, []string{t.dueKey()}, now.UnixMilli(), max).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("store: claim reminders: %w", err)
	}
	var out []Reminder
	for _, m := range members {
		parts := strings.Split(m, "\t")
		post, err := strconv.ParseInt(parts[0], 10, 64)
		if len(parts) != 3 || err != nil {
			continue // not ours: dropped
		}
		out = append(out, Reminder{Post: post, Chat: parts[1], Thread: parts[2], At: now})
	}
	return out, nil
}

// deleteLinks removes the staff-post links of a chat (for /oublier).
func deleteLinks(ctx context.Context, client redis.UniversalClient, prefix, chat string) error {
	posts, err := client.SMembers(ctx, chatKeysOf(prefix, chat).links).Result()
	if err != nil || len(posts) == 0 {
		return err
	}
	_, err = client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range posts {
			if strings.HasPrefix(k, prefix+"handoff:") {
				p.Del(ctx, k)
			}
		}
		return nil
	})
	return err
}
