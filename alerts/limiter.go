package alerts

import (
	"context"
	"sync"
	"time"
)

// DefaultGlobalRate is about what Telegram lets one bot send per second overall.
const DefaultGlobalRate = 30.0

// Limiter spaces alert messages at a rate and gives conversation replies priority: each
// reply the bot sends takes a slot of the bot-wide budget (Reply never waits), and an alert
// only takes a slot that is free under both its own rate and that budget. Replies therefore
// never queue behind a broadcast; a busy conversation slows the broadcast down instead.
type Limiter struct {
	mu        sync.Mutex
	now       func() time.Time
	alertGap  time.Duration
	globalGap time.Duration
	next      time.Time // no alert before this (its own rate)
	global    time.Time // the bot-wide budget is spent until this
	paused    time.Time // Telegram's retry_after
}

// NewLimiter allows rate alerts per second within global messages per second overall.
func NewLimiter(rate, global float64, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	if global < rate {
		global = rate
	}
	t := now()
	return &Limiter{now: now, alertGap: gap(rate), globalGap: gap(global), next: t, global: t}
}

// gap is the interval between two messages at rate per second.
func gap(rate float64) time.Duration {
	if rate <= 0 {
		rate = 1
	}
	return time.Duration(float64(time.Second) / rate)
}

// catchUp is how far back unused slots can still be taken (a late wake-up, the round trips
// between two batches): at 25 per second, two or three.
const catchUp = 100 * time.Millisecond

// later is the later of two instants.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Reply notes one conversation message sent now: it uses a slot of the bot-wide budget.
func (l *Limiter) Reply() {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.global.Before(now) {
		l.global = now
	}
	l.global = l.global.Add(l.globalGap)
}

// Pause stops alerts until t (a 429's retry_after).
func (l *Limiter) Pause(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.paused) {
		l.paused = t
	}
}

// Reserve takes a slot for one alert now and returns 0, or returns how long to wait first.
func (l *Limiter) Reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	at := l.next
	for _, t := range []time.Time{l.global, l.paused} {
		if t.After(at) {
			at = t
		}
	}
	if at.After(now) {
		return at.Sub(now)
	}
	// Slots missed in the last catchUp (a late wake-up) may still be used, so the timers'
	// lateness does not lower the rate; older ones are gone.
	l.next = later(l.next, now.Add(-catchUp)).Add(l.alertGap)
	l.global = later(l.global, now.Add(-catchUp)).Add(l.globalGap)
	return 0
}

// Wait blocks until an alert may be sent, then takes its slot.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		d := l.Reserve()
		if d == 0 {
			return nil
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
