package alerts_test

import (
	"testing"
	"time"

	"github.com/samayoon/samayoon/alerts"
)

func TestLimiterRate(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	l := alerts.NewLimiter(25, 30, c.now)
	sent := 0
	for range 25000 { // one simulated second, in 40 µs steps
		if l.Reserve() == 0 {
			sent++
		}
		c.set(c.now().Add(40 * time.Microsecond))
	}
	if sent < 24 || sent > 26 {
		t.Fatalf("%d alerts in one second at 25/s", sent)
	}
}

func TestRepliesGoBeforeAlerts(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	l := alerts.NewLimiter(25, 30, c.now)
	// A broadcast is under way: the limiter has handed out every alert slot it could.
	for range 1000 {
		l.Reserve()
	}
	// Replies never wait for the broadcast: Reply takes a bot-wide slot at once...
	for range 30 {
		l.Reply()
	}
	// ...and the next alert comes after them: 30 replies fill the whole second's budget.
	if wait := l.Reserve(); wait < 950*time.Millisecond {
		t.Fatalf("an alert may go %s after 30 replies; replies must come first", wait)
	}
	c.set(c.now().Add(time.Second + 40*time.Millisecond))
	if wait := l.Reserve(); wait != 0 {
		t.Fatalf("alerts did not resume: wait %s", wait)
	}
}

func TestRetryAfterPausesAlerts(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	l := alerts.NewLimiter(25, 30, c.now)
	l.Pause(c.now().Add(7 * time.Second))
	if wait := l.Reserve(); wait != 7*time.Second {
		t.Fatalf("wait %s, want retry_after 7s", wait)
	}
}

func TestLimiterBurstAfterIdleIsBounded(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	l := alerts.NewLimiter(25, 30, c.now)
	c.set(c.now().Add(time.Hour)) // idle for an hour: only the last 100 ms of slots remain
	burst := 0
	for l.Reserve() == 0 {
		burst++
	}
	if burst > 4 {
		t.Fatalf("%d alerts at once after an idle hour", burst)
	}
}
