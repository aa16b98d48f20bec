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
		{"429s for three chats pace everyone", []string{"a", "b", "c"}, []take{
			{"d", 0, 40 * time.Millisecond}, {"e", 0, 80 * time.Millisecond}}},
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
