package bot

import (
	"context"
	"sync"
	"time"
)

// offsets tracks which fetched updates are still in flight, and which of those hold the
// getUpdates offset back because no journal keeps them yet.
type offsets struct {
	mu       sync.Mutex
	pending  map[int]struct{} // fetched, not finished
	held     map[int]update   // pending and not journaled: the offset stays at or below them
	kept     map[int]struct{} // in the journal, not yet forgotten there
	known    map[int]struct{} // fetched, not yet confirmed to Telegram
	max      int
	pruned   int
	progress chan struct{}
	down     bool // the last journal write failed
}

// newOffsets returns an empty tracker.
func newOffsets() *offsets {
	return &offsets{pending: map[int]struct{}{}, held: map[int]update{}, kept: map[int]struct{}{},
		known: map[int]struct{}{}, progress: make(chan struct{}, 1)}
}

// add records a fetched update, already journaled or not; false when it was seen before.
func (o *offsets) add(u update, journaled bool) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	id := u.id
	if _, ok := o.known[id]; ok {
		return false
	}
	o.known[id] = struct{}{}
	o.pending[id] = struct{}{}
	if journaled {
		o.kept[id] = struct{}{}
	} else {
		o.held[id] = u
	}
	o.max = max(o.max, id)
	return true
}

// finish records that an update is fully handled.
func (o *offsets) finish(id int) {
	o.mu.Lock()
	delete(o.pending, id)
	delete(o.held, id)
	o.mu.Unlock()
	select {
	case o.progress <- struct{}{}:
	default:
	}
}

// next is the offset to send: the lowest update held back, else one past the highest seen.
func (o *offsets) next() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.max == 0 {
		return 0
	}
	low := o.max + 1
	for id := range o.held {
		low = min(low, id)
	}
	return low
}

// lowPendingLocked is the lowest update in flight, else one past the highest seen.
func (o *offsets) lowPendingLocked() int {
	low := o.max + 1
	for id := range o.pending {
		low = min(low, id)
	}
	return low
}

// toJournal returns the updates to journal (those held back) and the id below which the
// journal can forget (0 when it holds nothing handled).
func (o *offsets) toJournal() ([]update, int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	low, forget := o.lowPendingLocked(), 0
	for id := range o.kept {
		if id < low {
			forget = low
			break
		}
	}
	if len(o.held) == 0 {
		return nil, forget
	}
	out := make([]update, 0, len(o.held))
	for _, u := range o.held {
		out = append(out, u)
	}
	return out, forget
}

// journaled records a successful journal write of toJournal's answer.
func (o *offsets) journaled(updates []update, forget int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, u := range updates {
		delete(o.held, u.id)
		o.kept[u.id] = struct{}{}
	}
	for id := range o.kept {
		if id < forget {
			delete(o.kept, id)
		}
	}
}

// setJournalDown records whether the journal failed; it reports a change.
func (o *offsets) setJournalDown(down bool) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	changed := o.down != down
	o.down = down
	return changed
}

// prune forgets updates below an offset Telegram has accepted: they never come back.
func (o *offsets) prune(offset int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if offset <= o.pruned {
		return
	}
	o.pruned = offset
	for id := range o.known {
		if id < offset {
			delete(o.known, id)
		}
	}
}

// lastPruned is the last offset Telegram accepted.
func (o *offsets) lastPruned() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.pruned
}

// inFlight counts updates fetched and not finished.
func (o *offsets) inFlight() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.pending)
}

// unsaved counts updates holding the offset back.
func (o *offsets) unsaved() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.held)
}

// waitRoom waits, at most d, until no update is in flight, or (when Telegram may hold more
// than the last batch) until at most pollLowWater fetched updates are unconfirmed.
func (o *offsets) waitRoom(ctx context.Context, more bool, d time.Duration) {
	o.waitUntil(ctx, d, func() bool {
		return len(o.pending) == 0 || (more && o.max+1-o.lowPendingLocked() <= pollLowWater)
	})
}

// waitBelow waits, at most d, until fewer than n updates are in flight.
func (o *offsets) waitBelow(ctx context.Context, n int, d time.Duration) {
	o.waitUntil(ctx, d, func() bool { return len(o.pending) < n })
}

// waitUntil waits, at most d, until cond (checked under o.mu) holds after some progress.
func (o *offsets) waitUntil(ctx context.Context, d time.Duration, cond func() bool) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		o.mu.Lock()
		ok := cond()
		o.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-o.progress:
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}
