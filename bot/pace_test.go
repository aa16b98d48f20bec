package bot

import (
	"fmt"
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	type take struct {
		chat string
		at   time.Duration // since t0
		want time.Duration
	}
	tests := []struct {
		name  string
		hits  []string // chats that got a 429 at t0 before the takes
		takes []take
	}{
		{"burst then one per second", nil, []take{
			{"a", 0, 0}, {"a", 0, 0}, {"a", 0, 0}, {"a", 0, time.Second}, {"a", 0, 2 * time.Second}}},
		{"other chats never wait for a busy one", nil, []take{
			{"a", 0, 0}, {"a", 0, 0}, {"a", 0, 0}, {"a", 0, time.Second}, {"b", 0, 0}}},
		{"refills over time", nil, []take{
			{"a", 0, 0}, {"a", 0, 0}, {"a", 0, 0}, {"a", 2 * time.Second, 0}, {"a", 2 * time.Second, 0}, {"a", 2 * time.Second, time.Second}}},
		{"one chat's 429 is not bot-wide", []string{"a", "a", "a"}, []take{{"b", 0, 0}}},
		{"429s for three chats: overall pacing is a turn (turns.go), not a chat's wait", []string{"a", "b", "c"}, []take{
			{"d", 0, 0}, {"e", 0, 0}}},
		{"bot-wide pacing ends", []string{"a", "b", "c"}, []take{{"d", limitedFor + time.Second, 0}}},
		{"429s for a small share of many messages are per chat", []string{"a", "b", "c"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(3)
			if tt.takes == nil { // 50 messages went out fine in the same second
				for i := range 50 {
					p.take(fmt.Sprintf("busy%d", i), t0)
				}
			}
			for _, c := range tt.hits {
				p.limitedHit(c, t0)
			}
			if tt.takes == nil && p.take("z", t0) != 0 {
				t.Error("a few 429s among many messages switched on bot-wide pacing")
			}
			for i, tk := range tt.takes {
				if got := p.take(tk.chat, t0.Add(tk.at)); got != tk.want {
					t.Errorf("take %d (%s at %v) = %v, want %v", i, tk.chat, tk.at, got, tk.want)
				}
			}
		})
	}
}

// TestPacerAdaptsRate: while Telegram limits the bot, a second with 429s for several chats
// brings the overall rate to 90 % of what Telegram accepted then (cutting at most 30 %), and
// each second without a 429 raises it by rateStep.
func TestPacerAdaptsRate(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	sec := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Second) }
	tests := []struct {
		name     string
		accepted int // messages Telegram accepted in the second with 429s
		want     float64
	}{
		{"near the limit: 90 % of it", 20, 18},
		{"few accepted: cut by 30 % at most", 5, globalRate * rateCut},
		{"more accepted than the rate: kept", 40, globalRate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPacer(3)
			for _, c := range []string{"a", "b", "c"} {
				p.limitedHit(c, t0) // a bot-wide limit: paced from now on, at globalRate
			}
			if p.rate != globalRate {
				t.Fatalf("rate %v on the first limit, want %v", p.rate, globalRate)
			}
			half := t0.Add(500 * time.Millisecond)
			for range tc.accepted {
				p.delivered(half)
			}
			p.limitedHit("a", half)
			p.limitedHit("b", half)
			p.take("z", sec(1)) // the second with 429s ends
			if p.rate != tc.want {
				t.Fatalf("rate %v after 429s with %d accepted, want %v", p.rate, tc.accepted, tc.want)
			}
			p.take("q", sec(2))
			p.take("q", sec(3)) // two quiet seconds end
			want := tc.want
			for range 2 {
				want += max(rateStep, want*rateGrow)
			}
			if p.rate != want {
				t.Errorf("rate %v after quiet seconds, want %v", p.rate, want)
			}
		})
	}
}

// TestPacerStartsFromWhatTelegramAccepted: a bot sending hundreds per second when 429s
// start keeps most of that rate instead of dropping to globalRate (random refusals at a
// high rate are not a reason to crawl).
func TestPacerStartsFromWhatTelegramAccepted(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	p := newPacer(3)
	p.take("a", t0)
	for range 300 {
		p.delivered(t0.Add(500 * time.Millisecond))
	}
	at := t0.Add(time.Second) // the next second: its 429s switch on pacing
	for _, c := range []string{"a", "b", "c"} {
		p.limitedHit(c, at)
	}
	if want := rateKeep * 300; p.rate != want {
		t.Errorf("rate %v when pacing starts after 300 accepted in a second, want %v", p.rate, want)
	}
}
