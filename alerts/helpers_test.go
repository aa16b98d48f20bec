package alerts_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/store"
)

// clock is a settable clock shared by a test's parts.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// textRenderer renders the items as text, so tests read what each chat was sent.
type textRenderer struct{}

func (textRenderer) AlertMessage(lang string, items []flows.AlertItem) (flows.Reply, bool) {
	var parts []string
	for _, it := range items {
		s := it.Offer
		if it.Remind {
			s = "remind " + s
		}
		parts = append(parts, s)
	}
	return flows.Reply{Text: lang + ": " + strings.Join(parts, ", "),
		Choices: [][]flows.Choice{{{ID: "a:stop", Label: "Stop"}}}}, len(items) > 0
}

// fakeSender records every message per chat; blocked chats get ErrBlocked, and after
// killAfter messages it cancels kill (a sender dying mid-broadcast).
type fakeSender struct {
	mu        sync.Mutex
	got       map[string][]string
	blocked   map[string]bool
	retry     int // the next retry answers are 429
	killAfter int
	kill      context.CancelFunc
	sent      int
}

func newFakeSender() *fakeSender {
	return &fakeSender{got: map[string][]string{}, blocked: map[string]bool{}}
}

func (f *fakeSender) Send(ctx context.Context, chat, text string, buttons [][]flows.Choice) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.retry > 0:
		f.retry--
		return &alerts.RetryAfterError{After: time.Millisecond}
	case f.blocked[chat]:
		return alerts.ErrBlocked
	case len(buttons) == 0 || buttons[len(buttons)-1][0].ID != "a:stop":
		return fmt.Errorf("no Stop button")
	}
	f.got[chat] = append(f.got[chat], text)
	f.sent++
	if f.kill != nil && f.sent == f.killAfter {
		f.kill()
	}
	return nil
}

// messages returns what chat received.
func (f *fakeSender) messages(chat string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.got[chat]...)
}

// env is a real redis-server with the alerts' store over it.
type env struct {
	q     *store.Alerts
	clock *clock
}

func newEnv(t testing.TB) *env {
	t.Helper()
	c := redistest.Start(t).Client(t)
	e := &env{q: store.NewAlerts(c, ""), clock: &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}}
	if _, err := e.q.Record(context.Background(), nil); err != nil { // the baseline
		t.Fatal(err)
	}
	return e
}

// subscribe adds n chats "tg:<prefix><i>" to key.
func (e *env) subscribe(t testing.TB, prefix string, n int, key string) {
	t.Helper()
	sub, ok := flows.ParseSubscription(key)
	if !ok {
		t.Fatalf("bad key %q", key)
	}
	for i := range n {
		if _, err := e.q.Subscribe(context.Background(), fmt.Sprintf("tg:%s%d", prefix, i), "fr", sub); err != nil {
			t.Fatal(err)
		}
	}
}

// release records and releases one change.
func (e *env) release(t testing.TB, c alerts.Change) {
	t.Helper()
	ctx := context.Background()
	news, err := e.q.Record(ctx, []alerts.Change{c})
	if err != nil || len(news) != 1 {
		t.Fatalf("record = %v, %v", news, err)
	}
	if _, err := e.q.Release(ctx); err != nil {
		t.Fatal(err)
	}
}

// dispatcher builds a Dispatcher named consumer over the env, with a fast limiter.
func (e *env) dispatcher(t testing.TB, consumer string, s alerts.Sender, idle time.Duration) *alerts.Dispatcher {
	t.Helper()
	d, err := alerts.NewDispatcher(alerts.Config{Queue: e.q, Sender: s, Render: textRenderer{},
		Limiter: alerts.NewLimiter(100000, 100000, nil), Consumer: consumer, Now: e.clock.now,
		Idle: idle, Block: 10 * time.Millisecond, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// drain runs fan-out and send steps until a round does nothing.
func drain(t testing.TB, ctx context.Context, ds ...*alerts.Dispatcher) {
	t.Helper()
	for idle := 0; idle < 3; {
		work := 0
		for _, d := range ds {
			n, err := d.FanOnce(ctx)
			if err != nil && ctx.Err() == nil {
				t.Fatal(err)
			}
			m, err := d.SendOnce(ctx)
			if err != nil && ctx.Err() == nil {
				t.Fatal(err)
			}
			work += n + m
		}
		if work == 0 {
			idle++
		} else {
			idle = 0
		}
	}
}
