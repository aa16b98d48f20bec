package bot

import (
	"context"
	"errors"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Polling policy.
const (
	pollBatch     = 100                    // updates per getUpdates
	pollRecheck   = 250 * time.Millisecond // re-poll for new chats while others are in flight
	pollLowWater  = pollBatch / 4          // without a journal: after a full batch, poll again once this few are unconfirmed
	pollSettle    = 20 * time.Millisecond  // with a journal: a small batch may commit this long before it is journaled
	journalMin    = 8                      // with a journal: journal at once when this many are in flight
	maxInFlight   = 2                      // with a journal, times Workers: updates fetched and not committed (memory bound)
	commitTimeout = 1500 * time.Millisecond
)

// runPolling is the getUpdates loop. The offset it sends never passes an update that is
// neither handled nor journaled, so a crash loses none: Telegram resends what was not
// confirmed, the next start replays the journal, and the session dedupe drops what had been
// handled already. Updates seen again while in flight are skipped.
func (b *Bot) runPolling(ctx context.Context) error {
	o := newOffsets()
	b.replayJournal(ctx, o)
	failures := 0
	b.sayAllowed = true
	b.ready.Store(true) // getMe answered in New; a failing poll clears it
	for ctx.Err() == nil {
		strict := !b.journal(ctx, o)
		offset := o.next()
		timeout := b.cfg.PollTimeout
		if o.unsaved() > 0 {
			timeout = 0 // Telegram would answer at once with the unconfirmed updates
		}
		limit := b.batchLimit(o, strict)
		batch, err := b.getUpdates(ctx, offset, timeout, limit)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			b.sayAllowed = true // another poller or a webhook may have changed it meanwhile
			b.ready.Store(false)
			b.pollFailed(err, failures)
			_ = sleep(ctx, backoff(failures+3))
			continue
		}
		failures = 0
		b.ready.Store(true)
		fresh, unreadable := b.takeBatch(o, batch)
		o.prune(offset)
		if unreadable > 0 && fresh == 0 {
			_ = sleep(ctx, time.Second)
			continue
		}
		if fresh == 0 && b.outage.holding() {
			// Updates wait for the store and the window brought nothing new: polling pauses
			// until one is handled (or holdCap passes); Telegram keeps the rest.
			o.waitBelow(ctx, o.inFlight(), holdCap)
			continue
		}
		b.settle(ctx, o, len(batch) == limit, strict)
	}
	b.shutdown()
	b.commitOffset(o)
	return nil
}

// settle waits before the next poll. Without a journal it waits (at most pollRecheck) until
// the batch is committed, or after a full batch until few are left, since the next poll
// resends every unconfirmed update. With one it waits only for a small batch that should
// commit within pollSettle (no journal write then), or while too many are in flight.
func (b *Bot) settle(ctx context.Context, o *offsets, full, strict bool) {
	switch {
	case strict:
		if o.inFlight() > 0 {
			o.waitRoom(ctx, full, pollRecheck)
		}
	case o.inFlight() >= maxInFlight*b.cfg.Workers:
		o.waitBelow(ctx, maxInFlight*b.cfg.Workers*3/4, pollRecheck)
	case !full && o.inFlight() > 0 && o.inFlight() < journalMin:
		o.waitBelow(ctx, 1, pollSettle)
	}
}

// batchLimit is how many updates to ask for: with a journal, no more than keep the updates
// in flight within maxInFlight*Workers (each waits in memory for its turn).
func (b *Bot) batchLimit(o *offsets, strict bool) int {
	if strict {
		return pollBatch
	}
	return max(1, min(pollBatch, maxInFlight*b.cfg.Workers-o.inFlight()))
}

// getUpdates fetches and decodes updates: in one pass (pollClient), or one by one so one
// bad update cannot block the batch. The update types go with the first poll and after a
// failed one only: Telegram keeps them. The call is made with MakeRequest because the
// library's UpdateConfig always sends allowed_updates (as "null" when empty).
func (b *Bot) getUpdates(ctx context.Context, offset int, timeout time.Duration, limit int) ([]decoded, error) {
	p := tgbotapi.Params{}
	p.AddNonZero("offset", offset)
	p.AddNonZero("limit", limit)
	p.AddNonZero("timeout", int(timeout/time.Second))
	if b.sayAllowed {
		p["allowed_updates"] = allowedUpdates
	}
	var into polled
	resp, err := b.pollAPI(ctx, &into).MakeRequest("getUpdates", p)
	if err != nil {
		return nil, apiErr("getUpdates", err, b.cfg.Token)
	}
	b.sayAllowed = false
	if into.done {
		return fromPolled(into.updates), nil
	}
	batch, err := decodeUpdates(resp.Result)
	if err != nil {
		return nil, &apiError{Method: "getUpdates", Code: http.StatusBadGateway, Description: err.Error()}
	}
	return batch, nil
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
func (b *Bot) takeBatch(o *offsets, batch []decoded) (fresh, unreadable int) {
	for _, d := range batch {
		if d.u.id == 0 {
			unreadable++
			b.obs.Update(kindMalformed)
			b.log.Warn("skipping an update without a readable update_id", "err", d.err)
			continue
		}
		if b.take(o, d.u, d.err, false) {
			fresh++
		}
	}
	return fresh, unreadable
}

// take queues one decoded update unless it was seen before (journaled: it is already in
// the journal); an update that did not decode is only counted and confirmed.
func (b *Bot) take(o *offsets, u update, err error, journaled bool) bool {
	if !o.add(u, journaled) {
		return false
	}
	if err != nil {
		b.obs.Update(kindMalformed)
		b.log.Warn("skipping an update that does not decode", "update", u.id, "err", err)
		o.finish(u.id)
		return true
	}
	id := u.id
	b.intake(u, func(handled bool) {
		if handled {
			o.finish(id) // the offset may now pass it
		}
	})
	return true
}

// commitOffset confirms, at shutdown, every update handled or journaled since the last poll,
// after journaling those shutdown cancelled and forgetting the handled ones.
func (b *Bot) commitOffset(o *offsets) {
	jctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	b.journal(jctx, o)
	cancel()
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
