package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/internal/redistest"
)

// sampleSession is a session as flows writes it at the results step (its longest usual form).
const sampleSession = `{"v":1,"s":"results","l":"wo","p":"retour","r":"diourbel","d":"mbacke","n":"emploi","t":1764410000}`

// BenchmarkLoadSave measures one update's store work (Load + Save) on each backend.
func BenchmarkLoadSave(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			client, _ := be.start(b)
			s := New(client, Options{Logger: quietLogger()})
			ctx := context.Background()
			i := 0
			for b.Loop() {
				i++
				upd := strconv.Itoa(i)
				_, rev, err := s.Load(ctx, chatA, upd)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Save(ctx, chatA, upd, []byte(sampleSession), rev, DefaultTTL); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMemory reports real redis-server memory per stored session, saved without an
// update id, after one update and after five (the value then holds the latest 4 ids):
// used_memory growth divided by count, over 20,000 chats; run with -benchtime=1x.
func BenchmarkMemory(b *testing.B) {
	const chats, updates = 20000, 5
	srv := redistest.Start(b)
	client := srv.Client(b)
	ctx := context.Background()
	fill := func(s *Store, n int) func(ctx context.Context, chat string) error {
		return func(ctx context.Context, chat string) error { return fillUpdates(ctx, s, chat, n) }
	}
	cases := []struct {
		name string
		opts Options
	}{
		{"compressed", Options{Logger: quietLogger()}},
		{"plain", Options{Logger: quietLogger(), Plain: true}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			s := New(client, tc.opts)
			var session, withOne, withMany float64
			for b.Loop() {
				session = measureGrowth(ctx, b, client, chats, fill(s, 0))
				withOne = measureGrowth(ctx, b, client, chats, fill(s, 1))
				withMany = measureGrowth(ctx, b, client, chats, fill(s, updates))
			}
			b.ReportMetric(session, "B/session-no-ids")
			b.ReportMetric(withOne, "B/session-1-id")
			b.ReportMetric(withMany, "B/session-4-ids")
		})
	}
}

// BenchmarkMemorySetNX measures the alternative dedupe design (one SET NX EX key per update)
// for comparison with ids kept in the session; run with -benchtime=1x.
func BenchmarkMemorySetNX(b *testing.B) {
	const chats, updates = 20000, 5
	client := redistest.Start(b).Client(b)
	ctx := context.Background()
	var perUpdate float64
	for b.Loop() {
		perUpdate = measureGrowth(ctx, b, client, chats, func(ctx context.Context, chat string) error {
			_, err := client.Pipelined(ctx, func(p redis.Pipeliner) error {
				for i := range updates {
					p.SetNX(ctx, "sy:{chat:"+chat+"}:u:"+strconv.Itoa(900000000+i), 1, 25*time.Hour)
				}
				return nil
			})
			return err
		}) / updates
	}
	b.ReportMetric(perUpdate, "B/update")
}

// fillUpdates saves one chat's session once with no update id (n == 0) or n times with ids.
func fillUpdates(ctx context.Context, s *Store, chat string, n int) error {
	if n == 0 {
		return s.Save(ctx, chat, "", []byte(sampleSession), 0, DefaultTTL)
	}
	for i := range n {
		if err := s.Save(ctx, chat, strconv.Itoa(900000000+i), []byte(sampleSession), int64(i), DefaultTTL); err != nil {
			return err
		}
	}
	return nil
}

// measureGrowth flushes Redis, fills it and returns used_memory growth per item.
func measureGrowth(ctx context.Context, b *testing.B, c *redis.Client, chats int,
	fill func(context.Context, string) error) float64 {
	b.Helper()
	if err := c.FlushAll(ctx).Err(); err != nil {
		b.Fatal(err)
	}
	before := usedMemory(ctx, b, c)
	for i := range chats {
		if err := fill(ctx, fmt.Sprintf("tg:%d", 5300000000+i)); err != nil {
			b.Fatal(err)
		}
	}
	return float64(usedMemory(ctx, b, c)-before) / float64(chats)
}

// usedMemory reads used_memory from INFO memory.
func usedMemory(ctx context.Context, b *testing.B, c *redis.Client) int64 {
	b.Helper()
	info, err := c.Info(ctx, "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	b.Fatal("no used_memory in INFO")
	return 0
}

// BenchmarkCodecEncode measures encoding the sample session for storage (bytes = its size).
func BenchmarkCodecEncode(b *testing.B) {
	c := newCodec([]byte(DefaultDictionary))
	b.ReportAllocs()
	for b.Loop() {
		_ = c.encode([]byte(sampleSession))
	}
	b.ReportMetric(float64(len(c.encode([]byte(sampleSession)))), "bytes")
}
