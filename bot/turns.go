package bot

import (
	"container/heap"
	"context"
	"time"
)

// While Telegram limits the bot, messages wait for a turn at the overall rate, and the
// chat whose user has waited longest goes first: a chat half-way through its replies is not
// sent to the back behind chats that wrote later, so no one's answer stalls for long.

// sinceKey is the context key of the instant the chat's user started waiting.
type sinceKey struct{}

// withWaitingSince marks ctx's calls as answering a user who has waited since at.
func withWaitingSince(ctx context.Context, at time.Time) context.Context {
	return context.WithValue(ctx, sinceKey{}, at)
}

// waitingSince is the instant ctx's user started waiting, or def when unknown.
func waitingSince(ctx context.Context, def time.Time) time.Time {
	if at, ok := ctx.Value(sinceKey{}).(time.Time); ok && !at.IsZero() {
		return at
	}
	return def
}

// turn is one message waiting for its turn overall.
type turn struct {
	since time.Time     // when its user started waiting
	seq   int           // arrival order, for equal since
	wake  chan struct{} // signalled when it may have become first
	index int           // position in the heap
}

// turnQueue is a heap of waiting turns, the longest-waiting user first.
type turnQueue []*turn

// Len, Less, Swap, Push and Pop are container/heap's interface: the longest wait on top.
func (q turnQueue) Len() int { return len(q) }
func (q turnQueue) Less(i, j int) bool {
	if !q[i].since.Equal(q[j].since) {
		return q[i].since.Before(q[j].since)
	}
	return q[i].seq < q[j].seq
}
func (q turnQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *turnQueue) Push(x any) {
	t := x.(*turn)
	t.index = len(*q)
	*q = append(*q, t)
}
func (q *turnQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	t.index = -1
	return t
}

// awaitTurn blocks, while Telegram limits the bot, until this message's turn at the overall
// rate; messages of the longest-waiting users go first. It returns ctx's error if ctx ends.
func (p *pacer) awaitTurn(ctx context.Context, since time.Time, now func() time.Time) error {
	p.mu.Lock()
	if !now().Before(p.limited) && len(p.queue) == 0 {
		p.mu.Unlock()
		return nil
	}
	w := p.enqueue(since)
	p.mu.Unlock()
	for {
		p.mu.Lock()
		wait, ok := p.grant(w, now())
		p.mu.Unlock()
		if ok {
			return nil
		}
		if err := sleepOrWake(ctx, w.wake, wait); err != nil {
			p.mu.Lock()
			p.leave(w)
			p.mu.Unlock()
			return err
		}
	}
}

// enqueue adds a turn for a user waiting since; the caller holds p.mu.
func (p *pacer) enqueue(since time.Time) *turn {
	w := &turn{since: since, seq: p.seq, wake: make(chan struct{}, 1)}
	p.seq++
	heap.Push(&p.queue, w)
	p.wakeFirst()
	return w
}

// grant gives w its turn if it is first and the overall rate allows a message at now;
// otherwise it returns how long the first waits (0: w is not first, it waits to be woken).
// The caller holds p.mu.
func (p *pacer) grant(w *turn, now time.Time) (time.Duration, bool) {
	if len(p.queue) == 0 || p.queue[0] != w {
		return 0, false
	}
	if now.Before(p.limited) {
		if wait := p.global.ready(now, p.rate, max(p.rate/5, 1)); wait > 0 {
			return wait, false
		}
	}
	heap.Pop(&p.queue)
	p.wakeFirst()
	return 0, true
}

// leave drops w from the queue (its context ended); the caller holds p.mu.
func (p *pacer) leave(w *turn) {
	if w.index >= 0 {
		heap.Remove(&p.queue, w.index)
		p.wakeFirst()
	}
}

// wakeFirst tells the first waiting turn to look again; the caller holds p.mu.
func (p *pacer) wakeFirst() {
	if len(p.queue) == 0 {
		return
	}
	select {
	case p.queue[0].wake <- struct{}{}:
	default:
	}
}

// ready spends one token if a whole one is there and returns 0, or returns how long until
// there is one (spending nothing): turns are handed out in order, never in advance.
func (b *bucket) ready(now time.Time, rate, capacity float64) time.Duration {
	if b.at.IsZero() {
		b.at = now
	}
	b.tokens = min(capacity, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

// sleepOrWake waits for d (0: only for wake), a wake signal, or the end of ctx.
func sleepOrWake(ctx context.Context, wake <-chan struct{}, d time.Duration) error {
	var fire <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		fire = t.C
	}
	select {
	case <-fire:
	case <-wake:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}
