package bot

import (
	"strings"
	"sync"
	"time"
)

// Pacing policy, after Telegram's guidance: about one message per second per chat with
// short bursts; overall, only while Telegram limits the bot, a rate that adapts as in
// congestion control. It starts at 90 % of what Telegram accepted in the last second (at
// least 25/s, near the ~30/s of Telegram's FAQ); a second that brings 429s for several
// chats sets it to 90 % of what Telegram accepted in that second (a cut of 30 % at most);
// each second without a 429 adds 0.5/s (2 % above 25/s). Replicas adapt each on their own,
// so together they share what Telegram accepts.
const (
	chatRate      = 1.0  // messages per second to one chat, refilled continuously
	globalRate    = 25.0 // the overall rate when Telegram first limits the bot
	minGlobalRate = 1.0
	maxGlobalRate = 500.0
	rateCut       = 0.7  // the deepest cut in one second
	rateKeep      = 0.9  // after 429s: this share of the rate Telegram accepted in that second
	rateStep      = 0.5  // additive increase per second without a 429...
	rateGrow      = 0.02 // ...or this share of the rate, when more
	cutChats      = 2    // while limited, 429s for this many chats in a second are a bot-wide sign
	maxBuckets    = 10000
	bucketIdle    = 10 * time.Second
	maxPaceWait   = 5 * time.Second  // one chat's wait; the overall queue is served in turn
	limitedFor    = 30 * time.Second // global pacing lasts this long after the last sign of a bot-wide limit
	limitedWindow = time.Second      // within one window, 429s for several chats...
	limitedChats  = 3                // ...at least this many...
	limitedShare  = 0.1              // ...and for at least this share of the messages sent are a bot-wide limit
)

// pacer spaces messages: per chat always (a burst of replies — text, map pin, contact,
// next question — should not earn a 429), and overall only while Telegram shows a
// bot-wide limit (429s for several chats and a good share of all messages), so a busy
// bot queues instead of hammering the API. A waiting chat delays only itself.
type pacer struct {
	mu      sync.Mutex
	burst   float64
	buckets map[string]*bucket
	global  bucket
	limited time.Time // global pacing applies until then
	rate    float64   // messages per second overall while limited
	lastOK  float64   // messages per second Telegram accepted in the last complete window
	window  rateWindow
	queue   turnQueue // messages waiting for their turn overall (turns.go)
	seq     int       // turns handed out so far, for arrival order
}

// rateWindow counts messages and 429s over the current window.
type rateWindow struct {
	start time.Time
	sent  int
	hits  int
	ok    int                 // messages Telegram accepted
	chats map[string]struct{} // chats that got a 429
}

// bucket is a token bucket.
type bucket struct {
	tokens float64
	at     time.Time
}

// newPacer returns a pacer allowing burst messages at once to a chat.
func newPacer(burst int) *pacer {
	return &pacer{burst: float64(burst), buckets: map[string]*bucket{}, global: bucket{tokens: globalRate}, rate: globalRate}
}

// paced reports whether method shows a message in the chat (and so counts toward limits).
func paced(method string) bool {
	return strings.HasPrefix(method, "send") || strings.HasPrefix(method, "editMessage")
}

// take claims a send for chat at now; it returns how long the chat waits before the send
// takes its turn overall (awaitTurn).
func (p *pacer) take(chat string, now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.buckets[chat]
	if !ok {
		p.sweep(now)
		b = &bucket{tokens: p.burst, at: now}
		p.buckets[chat] = b
	}
	p.roll(now)
	p.window.sent++
	return min(b.take(now, chatRate, p.burst), maxPaceWait)
}

// retake claims an overall send again for a call retried after a 429, so retries keep to
// the overall rate too; it returns how long to wait first.
func (p *pacer) retake(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !now.Before(p.limited) {
		return 0
	}
	return p.global.take(now, p.rate, max(p.rate/5, 1))
}

// delivered counts a message Telegram accepted (the measure of what it allows).
func (p *pacer) delivered(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.roll(now)
	p.window.ok++
}

// take spends one token refilled at rate up to capacity; it returns the wait it implies.
func (b *bucket) take(now time.Time, rate, capacity float64) time.Duration {
	if b.at.IsZero() {
		b.at = now
	}
	b.tokens = min(capacity, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / rate * float64(time.Second))
}

// limitedHit records a 429 for chat; 429s for several chats and a good share of the
// messages at once switch on global pacing. A few chats over their own limit do not.
func (p *pacer) limitedHit(chat string, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.roll(now)
	w := &p.window
	w.hits++
	w.chats[chat] = struct{}{}
	if now.Before(p.limited) {
		if len(w.chats) >= cutChats {
			p.limited = now.Add(limitedFor)
		}
		return
	}
	if len(w.chats) < limitedChats || float64(w.hits) < limitedShare*float64(max(w.sent, 1)) {
		return
	}
	p.global = bucket{tokens: 0, at: now}
	p.rate = max(globalRate, rateKeep*max(p.lastOK, float64(w.ok))) // a bot sending more keeps most of it
	p.limited = now.Add(limitedFor)
	p.window = rateWindow{start: now, chats: map[string]struct{}{}} // the rate is judged from here on
}

// roll starts a new counting window when the current one is over. For a limited bot, the
// window that ends sets the rate: 429s for several chats bring it down to what Telegram
// accepted, a window without a 429 raises it (a probe for what Telegram allows).
func (p *pacer) roll(now time.Time) {
	w := p.window
	elapsed := now.Sub(w.start)
	if elapsed < limitedWindow && w.chats != nil {
		return
	}
	if now.Before(p.limited) && w.chats != nil {
		switch {
		case w.hits == 0:
			p.rate = min(maxGlobalRate, p.rate+max(rateStep, p.rate*rateGrow))
		case len(w.chats) >= cutChats:
			accepted := float64(w.ok) / max(elapsed.Seconds(), limitedWindow.Seconds())
			p.rate = max(minGlobalRate, p.rate*rateCut, min(p.rate, rateKeep*accepted))
		}
	}
	if w.chats != nil {
		p.lastOK = float64(w.ok) / max(elapsed.Seconds(), limitedWindow.Seconds())
	}
	p.window = rateWindow{start: now, chats: map[string]struct{}{}}
}

// sweep forgets idle chats once there are many, keeping the map bounded.
func (p *pacer) sweep(now time.Time) {
	if len(p.buckets) < maxBuckets {
		return
	}
	for c, b := range p.buckets {
		if now.Sub(b.at) > bucketIdle {
			delete(p.buckets, c)
		}
	}
}
