package bot

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestTurnsLongestWaitingFirst: while Telegram limits the bot, the message of the user who
// has waited longest gets the next turn, whatever order the messages asked in.
func TestTurnsLongestWaitingFirst(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	type ask struct {
		chat  string
		since time.Duration // before t0, when its user wrote
	}
	tests := []struct {
		name    string
		limited bool
		asks    []ask // in the order the messages asked for a turn
		want    []string
	}{
		{"the longest-waiting user goes first though asking last", true,
			[]ask{{"new", 1 * time.Second}, {"mid", 5 * time.Second}, {"old", 9 * time.Second}},
			[]string{"old", "mid", "new"}},
		{"a chat half-way through its replies goes before later writers", true,
			[]ask{{"b", 2 * time.Second}, {"c", 1 * time.Second}, {"a", 3 * time.Second}, {"a", 3 * time.Second}},
			[]string{"a", "a", "b", "c"}},
		{"equal waits keep the order of asking", true,
			[]ask{{"x", time.Second}, {"y", time.Second}, {"z", time.Second}},
			[]string{"x", "y", "z"}},
		{"not limited: the same order, without waiting", false,
			[]ask{{"late", 0}, {"early", 4 * time.Second}},
			[]string{"early", "late"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(3)
			if tt.limited {
				for _, c := range []string{"h1", "h2", "h3"} {
					p.limitedHit(c, t0) // a bot-wide limit: no token left at t0
				}
			}
			chats := map[*turn]string{}
			for _, a := range tt.asks {
				chats[p.enqueue(t0.Add(-a.since))] = a.chat
			}
			now := t0
			var got []string
			for len(got) < len(tt.asks) {
				granted := grantOne(t, p, chats, now)
				if granted == "" {
					if !tt.limited {
						t.Fatalf("nothing granted at once without a limit (after %v)", got)
					}
					now = now.Add(time.Second / 10) // the overall rate refills a token
					continue
				}
				got = append(got, granted)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("turns went to %v, want %v", got, tt.want)
			}
		})
	}
}

// grantOne offers a turn at now to every waiting message, in random order; only the first
// in the queue may take it.
func grantOne(t *testing.T, p *pacer, chats map[*turn]string, now time.Time) string {
	t.Helper()
	for w, chat := range chats {
		if _, ok := p.grant(w, now); ok {
			delete(chats, w)
			return chat
		}
	}
	return ""
}

// TestTurnWaitsForTheRate: the first message waits for a token at the overall rate, and
// one whose call ends leaves the queue.
func TestTurnWaitsForTheRate(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	p := newPacer(3)
	for _, c := range []string{"a", "b", "c"} {
		p.limitedHit(c, t0)
	}
	first := p.enqueue(t0.Add(-time.Second))
	if wait, ok := p.grant(first, t0); ok || wait != time.Second/globalRate {
		t.Errorf("grant at the limit's start = %v, %v; want a wait of %v", wait, ok, time.Second/globalRate)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.awaitTurn(ctx, t0, func() time.Time { return t0 }); err == nil {
		t.Error("awaitTurn with an ended context took a turn")
	}
	if len(p.queue) != 1 || p.queue[0] != first {
		t.Errorf("queue holds %d turns after a call ended, want only the first", len(p.queue))
	}
	if got := waitingSince(withWaitingSince(context.Background(), t0), time.Time{}); !got.Equal(t0) {
		t.Errorf("waitingSince = %v, want %v", got, t0)
	}
}
