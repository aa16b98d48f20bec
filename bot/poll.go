package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Polling policy.
const (
	pollBatch     = 100                    // updates per getUpdates
	pollRecheck   = 250 * time.Millisecond // re-poll for new chats while others are in flight
	pollLowWater  = pollBatch / 4          // after a full batch, poll again once this few are unconfirmed
	pollKey       = "poll"                 // 429 gate of getUpdates
	commitTimeout = 1500 * time.Millisecond
)

// runPolling is the getUpdates loop. The offset it sends is the lowest update still in
// flight, so Telegram keeps every update until it is handled and a crash loses none;
// updates it sees again while they are in flight are skipped. Such a poll sends back every
// update from that offset on, so after a batch it waits (at most pollRecheck) until the
// batch is committed, or after a full batch until few are left: Telegram then resends few.
func (b *Bot) runPolling(ctx context.Context) error {
	o := newOffsets()
	failures := 0
	b.ready.Store(true) // getMe answered in New; a failing poll clears it
	for ctx.Err() == nil {
		offset := o.next()
		timeout := b.cfg.PollTimeout
		if o.inFlight() > 0 {
			timeout = 0
		}
		raws, err := b.getUpdates(ctx, offset, timeout, pollBatch)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			b.ready.Store(false)
			b.pollFailed(err, failures)
			_ = pause(ctx, backoff(failures+3))
			continue
		}
		failures = 0
		b.ready.Store(true)
		fresh, unreadable := b.takeBatch(o, raws)
		o.prune(offset)
		switch {
		case unreadable > 0 && fresh == 0:
			_ = pause(ctx, time.Second)
		case o.inFlight() > 0:
			o.waitRoom(ctx, len(raws) == pollBatch, pollRecheck)
		}
	}
	b.shutdown()
	b.commitOffset(o)
	return nil
}

// getUpdates fetches raw updates; they are decoded one by one so one bad update cannot
// block the batch.
func (b *Bot) getUpdates(ctx context.Context, offset int, timeout time.Duration, limit int) ([]json.RawMessage, error) {
	p := tgbotapi.Params{"limit": strconv.Itoa(limit), "timeout": strconv.Itoa(int(timeout / time.Second)), "allowed_updates": allowedUpdates}
	p.AddNonZero("offset", offset)
	ans, err := b.api.callTimeout(ctx, pollKey, "getUpdates", p, timeout+15*time.Second)
	if err != nil {
		return nil, err
	}
	var out []json.RawMessage
	if err := ans.result(&out); err != nil {
		return nil, &apiError{Method: "getUpdates", Code: http.StatusBadGateway, Description: "result is not a list"}
	}
	return out, nil
}

// pollFailed logs a failed poll; a 409 means another poller or a webhook owns the token.
func (b *Bot) pollFailed(err error, n int) {
	var ae *apiError
	if errors.As(err, &ae) && ae.Code == http.StatusConflict {
		b.log.Error("getUpdates conflict (409): another instance is polling with this token, or a webhook is set; run one poller per token, or use webhook mode", "attempt", n, "err", err)
		return
	}
	b.log.Warn("getUpdates failed, backing off", "attempt", n, "err", err)
}

// takeBatch queues the updates not seen before; it returns how many were new and how many
// had no readable update_id.
func (b *Bot) takeBatch(o *offsets, raws []json.RawMessage) (fresh, unreadable int) {
	for _, raw := range raws {
		if id := quickID(raw); id != 0 && o.seen(id) {
			continue // still in flight, or handled behind one that is
		}
		u, err := decodeUpdate(raw)
		if u.id == 0 {
			unreadable++
			b.obs.Update(kindMalformed)
			b.log.Warn("skipping an update without a readable update_id", "err", err)
			continue
		}
		if !o.add(u.id) {
			continue
		}
		fresh++
		if err != nil {
			b.obs.Update(kindMalformed)
			b.log.Warn("skipping an update that does not decode", "update", u.id, "err", err)
			o.finish(u.id)
			continue
		}
		id := u.id
		b.enqueue(u, func(handled bool) {
			if handled {
				o.finish(id)
			}
		})
	}
	return fresh, unreadable
}

// commitOffset confirms, at shutdown, every update handled since the last poll.
func (b *Bot) commitOffset(o *offsets) {
	next, sent := o.next(), o.lastPruned()
	if next == 0 || next <= sent {
		return
	}
	time.Sleep(50 * time.Millisecond) // let Telegram notice the cancelled long poll first
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	if _, err := b.getUpdates(ctx, next, 0, 1); err != nil {
		b.log.Warn("shutdown: offset not confirmed; handled updates will be seen again and skipped as duplicates", "err", err)
	}
}

// offsets tracks which fetched updates are still in flight.
type offsets struct {
	mu       sync.Mutex
	pending  map[int]struct{} // fetched, not finished
	known    map[int]struct{} // fetched, not yet confirmed to Telegram
	max      int
	pruned   int
	progress chan struct{}
}

// newOffsets returns an empty tracker.
func newOffsets() *offsets {
	return &offsets{pending: map[int]struct{}{}, known: map[int]struct{}{}, progress: make(chan struct{}, 1)}
}

// add records a fetched update; false when it was already seen.
func (o *offsets) add(id int) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.known[id]; ok {
		return false
	}
	o.known[id] = struct{}{}
	o.pending[id] = struct{}{}
	o.max = max(o.max, id)
	return true
}

// seen reports whether id was fetched before and not yet confirmed.
func (o *offsets) seen(id int) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.known[id]
	return ok
}

// finish records that an update is fully handled.
func (o *offsets) finish(id int) {
	o.mu.Lock()
	delete(o.pending, id)
	o.mu.Unlock()
	select {
	case o.progress <- struct{}{}:
	default:
	}
}

// next is the offset to send: the lowest update in flight, else one past the highest seen.
func (o *offsets) next() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.max == 0 {
		return 0
	}
	return o.lowLocked()
}

// lowLocked is the lowest update in flight, else one past the highest seen; o.mu is held.
func (o *offsets) lowLocked() int {
	low := o.max + 1
	for id := range o.pending {
		low = min(low, id)
	}
	return low
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

// waitRoom waits, at most d, until no update is in flight, or (when Telegram may hold more
// than the last batch) until at most pollLowWater fetched updates are unconfirmed.
func (o *offsets) waitRoom(ctx context.Context, more bool, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for !o.roomy(more) {
		select {
		case <-o.progress:
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

// roomy reports whether a poll now would fetch mostly new updates.
func (o *offsets) roomy(more bool) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pending) == 0 {
		return true
	}
	return more && o.max+1-o.lowLocked() <= pollLowWater
}

// quickID reads the update_id that Telegram writes first, without decoding the update;
// any other layout falls back to peekID.
func quickID(raw []byte) int {
	const head = `{"update_id":`
	if len(raw) > len(head) && string(raw[:len(head)]) == head {
		id, i := 0, len(head)
		for ; i < len(raw) && raw[i] >= '0' && raw[i] <= '9' && i < len(head)+18; i++ {
			id = id*10 + int(raw[i]-'0')
		}
		if i > len(head) && i < len(raw) && (raw[i] == ',' || raw[i] == '}') {
			return id
		}
	}
	return peekID(raw)
}
