package store

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// journalTTL bounds how long fetched updates are kept if the bot never comes back: shorter
// than the 25-hour dedupe window, so a replayed update is always recognised if handled.
const journalTTL = 24 * time.Hour

// Journal keeps the updates a polling bot has fetched and not yet handled, in one sorted
// set (sy:poll:journal, update id -> the bot's entry for it), so the bot can confirm them
// to Telegram at once without losing them in a crash: it replays them at the next start and
// the session dedupe drops those already handled. It implements bot.Journal.
type Journal struct {
	client redis.UniversalClient
	key    string
}

// NewJournal returns the journal of the bot whose sessions use prefix ("" = DefaultPrefix).
func NewJournal(client redis.UniversalClient, prefix string) *Journal {
	return &Journal{client: client, key: cmp.Or(prefix, DefaultPrefix) + "poll:journal"}
}

// Keep records updates and forgets those below forgetBelow (0: none), in one transaction.
func (j *Journal) Keep(ctx context.Context, updates map[int][]byte, forgetBelow int) error {
	_, err := j.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if forgetBelow > 0 {
			p.ZRemRangeByScore(ctx, j.key, "-inf", "("+strconv.Itoa(forgetBelow))
		}
		if len(updates) > 0 {
			members := make([]redis.Z, 0, len(updates))
			for id, raw := range updates {
				members = append(members, redis.Z{Score: float64(id), Member: raw})
			}
			p.ZAdd(ctx, j.key, members...)
			p.PExpire(ctx, j.key, journalTTL)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: journal updates: %w", err)
	}
	return nil
}

// Pending returns the updates kept and not forgotten, oldest first.
func (j *Journal) Pending(ctx context.Context) ([][]byte, error) {
	vals, err := j.client.ZRange(ctx, j.key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read journal: %w", err)
	}
	out := make([][]byte, len(vals))
	for i, v := range vals {
		out[i] = []byte(v)
	}
	return out, nil
}
