package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/locales"
)

// day is a statistics date in UTC.
func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestStatsFlushAndRead(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			c, inspect := b.start(t)
			s := NewStats(c, StatsOptions{Logger: quietLogger()})
			s.Record(ctx, "2026-11-28", "start", "need:emploi")
			s.Record(ctx, "2026-11-29", "start", "start", "shown:anpej-emploi")
			s.Record(ctx, "2026-11-29", "Aminata 77 123 45 67", "tg:5300000001:x", "source:771234567", strings.Repeat("a", 81))
			s.Record(ctx, "not a day", "start")
			if err := s.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			got, err := s.Days(ctx, day("2026-11-27"), day("2026-11-29"))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]map[string]int64{
				"2026-11-28": {"start": 1, "need:emploi": 1},
				"2026-11-29": {"start": 2, "shown:anpej-emploi": 1},
			}
			if !sameDays(got, want) {
				t.Errorf("Days = %v, want %v", got, want)
			}
			if ttl := inspect.TTL(ctx, "sy:stats:2026-11-29").Val(); ttl < 399*24*time.Hour {
				t.Errorf("statistics TTL %v, want about 400 days", ttl)
			}
			if keys := keysOf(t, inspect, "*"); len(keys) != 2 {
				t.Errorf("keys %v, want only the two day hashes", keys)
			}
		})
	}
}

// sameDays compares two statistics maps.
func sameDays(a, b map[string]map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for d, fs := range a {
		if len(fs) != len(b[d]) {
			return false
		}
		for f, n := range fs {
			if b[d][f] != n {
				return false
			}
		}
	}
	return true
}

func TestStatsSurviveAnOutage(t *testing.T) {
	ctx := context.Background()
	m := miniredis.NewMiniRedis()
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	c := redis.NewClient(&redis.Options{Addr: m.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	s := NewStats(c, StatsOptions{Logger: quietLogger()})
	s.Record(ctx, "2026-11-29", "start")
	m.Close()
	if err := s.Flush(ctx); err == nil {
		t.Fatal("flush with Redis down succeeded")
	}
	s.Record(ctx, "2026-11-29", "start")
	if err := m.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := m.HGet("sy:stats:2026-11-29", "start"); got != "2" {
		t.Errorf("start = %q after the outage, want 2", got)
	}
}

func TestStatsAddNoRoundTripToUpdates(t *testing.T) {
	ctx := context.Background()
	c := startEmbedded(t)
	hook := &countHook{}
	c.AddHook(hook)
	st, stats := New(c, Options{Logger: quietLogger()}), NewStats(c, StatsOptions{Logger: quietLogger()})
	cat, err := catalog.Load("../catalog/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	e, err := flows.New(flows.Config{Store: st, Catalog: func() flows.Catalog { return cat }, Bundle: bundle,
		Now: engineNow, Recorder: stats})
	if err != nil {
		t.Fatal(err)
	}
	chat := chatOf(1)
	for k, in := range []flows.Input{{Kind: flows.InputCommand, Command: "start", Args: "s-radio"},
		{Kind: flows.InputChoice, Choice: "l:fr"}, {Kind: flows.InputChoice, Choice: "p:retour"}} {
		in.UpdateID = updateID(1, k)
		before := hook.trips.Load()
		if _, err := e.Handle(ctx, chat, in); err != nil {
			t.Fatal(err)
		}
		// The first update also pays the connection handshake and the script load.
		if n := hook.trips.Load() - before; k > 0 && n > 2 {
			t.Errorf("update %d took %d round trips, want at most 2", k, n)
		}
	}
	before := hook.trips.Load()
	if err := stats.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := hook.trips.Load() - before; n != 1 {
		t.Errorf("flush took %d round trips, want 1", n)
	}
	got := c.HGetAll(ctx, "sy:stats:"+flows.Day(engineNow())).Val()
	for _, f := range []string{"start", "source:radio", "lang:fr", "profile:retour"} {
		if got[f] != "1" {
			t.Errorf("%s = %q, want 1 (all: %v)", f, got[f], got)
		}
	}
}

func TestStatsDayHashIsBounded(t *testing.T) {
	ctx := context.Background()
	c := startEmbedded(t)
	s := NewStats(c, StatsOptions{Logger: quietLogger()})
	s.Record(ctx, "2026-11-29", "source:p1")
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// A known field still counts once the hash is full; new ones go to the overflow field.
	for i := 0; i < MaxStatsFields+50; i++ {
		s.Record(ctx, "2026-11-29", "source:p"+strconv.Itoa(i))
	}
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	got := c.HGetAll(ctx, "sy:stats:2026-11-29").Val()
	if len(got) != MaxStatsFields+1 || got[StatsOverflow] != "50" || got["source:p1"] != "2" {
		t.Errorf("%d fields, overflow %q, source:p1 %q; want %d, 50, 2", len(got), got[StatsOverflow], got["source:p1"], MaxStatsFields+1)
	}
}

// TestFirstAnswerFieldsAreAccepted: the handoff delay buckets pass the field-name check.
func TestFirstAnswerFieldsAreAccepted(t *testing.T) {
	for _, b := range flows.FirstAnswerBuckets() {
		if f := flows.StatFirstAnswer + b; !validField(f) {
			t.Errorf("field %q refused", f)
		}
	}
}
