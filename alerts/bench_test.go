package alerts_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/store"
)

// limitedSender is a fake Bot API endpoint that enforces a global limit per one-second
// window, counts violations and messages per chat, and keeps no message text.
type limitedSender struct {
	limit      int
	mu         sync.Mutex
	window     time.Time
	inWindow   int
	violations int
	perChat    []uint8 // messages per chat "tg:<5300000001+i>", by i: 100 kB, not a map
	told       int
	first      time.Time
	last       time.Time
}

func (s *limitedSender) Send(_ context.Context, chat, _ string, _ [][]flows.Choice) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if now.Sub(s.window) >= time.Second {
		s.window, s.inWindow = now, 0
	}
	s.inWindow++
	if s.inWindow > s.limit {
		s.violations++
		return &alerts.RetryAfterError{After: time.Second}
	}
	if s.first.IsZero() {
		s.first = now
	}
	s.last = now
	i, err := strconv.Atoi(strings.TrimPrefix(chat, "tg:"))
	if err != nil || i-5300000001 < 0 || i-5300000001 >= len(s.perChat) {
		return fmt.Errorf("unknown chat %q", chat)
	}
	if s.perChat[i-5300000001] == 0 {
		s.told++
	}
	s.perChat[i-5300000001]++
	return nil
}

// BenchmarkBroadcast100k sends one new offer to 100,000 subscribers through the real
// redis-server queue and a sender enforcing a global limit, at a rate scaled up from
// ALERTS_RATE (25/s would take 67 minutes) by the same factor as the limit (30/s).
// Run: go test ./alerts -run '^$' -bench Broadcast100k -benchtime 1x
func BenchmarkBroadcast100k(b *testing.B) {
	const subs, rate, limit = 100_000, 2500, 3000
	for range b.N {
		srv := redistest.Start(b)
		client := srv.Client(b)
		q := store.NewAlerts(client, "")
		bytesPerSub := subscribeMany(b, client, q, subs)
		if _, err := q.Record(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
		change := alerts.Change{Offer: "appel", Date: "-", Keys: []string{"emploi:d-mbacke"}}
		if _, err := q.Record(context.Background(), []alerts.Change{change}); err != nil {
			b.Fatal(err)
		}
		if _, err := q.Release(context.Background()); err != nil {
			b.Fatal(err)
		}
		s := &limitedSender{limit: limit, perChat: make([]uint8, subs)}
		heap := broadcast(b, q, s, rate, subs)
		twice := 0
		for _, n := range s.perChat {
			if n > 1 {
				twice++
			}
		}
		if s.told != subs || twice > 0 {
			b.Fatalf("%d chats told, %d twice", s.told, twice)
		}
		achieved := float64(subs) / s.last.Sub(s.first).Seconds()
		b.ReportMetric(achieved, "msgs/s")
		b.ReportMetric(achieved/rate, "of-rate")
		b.ReportMetric(float64(s.violations), "limit-violations")
		b.ReportMetric(bytesPerSub, "redis-B/sub")
		b.ReportMetric(heap, "heap-growth-MB")
	}
}

// subscribeMany subscribes n chats to emploi:d-mbacke and returns Redis's memory per subscription.
func subscribeMany(b *testing.B, client *redis.Client, q *store.Alerts, n int) float64 {
	ctx := context.Background()
	before := usedMemory(b, client)
	sub := flows.Subscription{Need: "emploi", Region: "diourbel", Dept: "mbacke"}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				if _, err := q.Subscribe(ctx, "tg:"+strconv.FormatInt(5300000000+i, 10), "fr", sub); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	per := float64(usedMemory(b, client)-before) / float64(n)
	hash, _ := client.MemoryUsage(ctx, "sy:{al}:c:0").Result()
	set, _ := client.MemoryUsage(ctx, "sy:{al}:s:emploi:d-mbacke", 0).Result()
	b.Logf("%d subscriptions: %.0f B each (used_memory); one bucket of chat languages %d B, the set %d B (%.0f B per member)",
		n, per, hash, set, float64(set)/float64(n))
	return per
}

// usedMemory is Redis's used_memory.
func usedMemory(b *testing.B, c *redis.Client) int64 {
	info, err := c.Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	b.Fatal("no used_memory")
	return 0
}

// broadcast runs a dispatcher until every chat is told and returns the heap growth (MB),
// sampled every 100 ms, over the heap before the broadcast.
func broadcast(b *testing.B, q *store.Alerts, s *limitedSender, rate float64, subs int) float64 {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d, err := alerts.NewDispatcher(alerts.Config{Queue: q, Sender: s, Render: textRenderer{},
		Limiter: alerts.NewLimiter(rate, rate*30/25, nil), Consumer: "bench", Workers: 16,
		Block: 50 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	b.ResetTimer()
	go func() { _ = d.Run(ctx) }()
	for {
		time.Sleep(100 * time.Millisecond)
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
		s.mu.Lock()
		done := s.told == subs
		s.mu.Unlock()
		if done {
			break
		}
	}
	b.StopTimer()
	growth := float64(peak-base) / (1 << 20)
	b.Logf("heap before %.1f MB, peak %.1f MB", float64(base)/(1<<20), float64(peak)/(1<<20))
	return growth
}
