package bot

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Webhook policy.
const (
	maxWebhookBody = 1 << 20          // an update is a few kB; more is not Telegram
	webhookWait    = 25 * time.Second // then 503: Telegram sends it again, and the redelivery waits on the same update
	recentUpdates  = 4096             // handled update ids remembered against redelivery
	secretHeader   = "X-Telegram-Bot-Api-Secret-Token"
)

// runWebhook registers the webhook, then serves it (through WebhookHandler) until ctx ends.
func (b *Bot) runWebhook(ctx context.Context) error {
	if err := b.setWebhook(ctx); err != nil {
		b.shutdown()
		return fmt.Errorf("bot: registering the webhook: %w", err)
	}
	b.ready.Store(true)
	<-ctx.Done()
	b.leave()
	b.shutdown()
	return nil
}

// leave reports not ready for LeaveDelay while still taking updates: a proxy's health check
// stops sending here before this replica refuses any (a refused one waits for Telegram's
// redelivery).
func (b *Bot) leave() {
	if b.cfg.LeaveDelay <= 0 {
		return
	}
	b.leaving.Store(true)
	t := time.NewTimer(b.cfg.LeaveDelay)
	defer t.Stop()
	<-t.C
}

// setWebhook registers the webhook through MakeRequest: the library's WebhookConfig
// (v5.5.1) has no secret_token.
func (b *Bot) setWebhook(ctx context.Context) error {
	_, err := b.api(ctx).MakeRequest("setWebhook", tgbotapi.Params{
		"url":             b.cfg.WebhookURL,
		"secret_token":    b.cfg.WebhookSecret,
		"allowed_updates": allowedUpdates,
		"max_connections": strconv.Itoa(b.cfg.MaxConnections),
	})
	if err != nil {
		return apiErr("setWebhook", err, b.cfg.Token)
	}
	return nil
}

// WebhookHandler serves Telegram's webhook POSTs; main mounts it at WEBHOOK_URL's path.
func (b *Bot) WebhookHandler() http.Handler { return b.hooks }

// webhookIntake is the webhook endpoint; it folds redeliveries of one update together.
type webhookIntake struct {
	b        *Bot
	mu       sync.Mutex
	inflight map[int]*pending
	recent   map[int]struct{}
	order    []int // recent ids, oldest first
}

// newWebhookIntake returns the endpoint for b.
func newWebhookIntake(b *Bot) *webhookIntake {
	return &webhookIntake{b: b, inflight: map[int]*pending{}, recent: map[int]struct{}{}}
}

// pending is an update queued from the webhook; done closes when it ends, and handled
// (read after done) says whether it ran to completion.
type pending struct {
	done    chan struct{}
	handled bool
}

// ServeHTTP checks method, secret and size, queues the update and answers 200 once the
// engine has taken it; an update still waiting after webhookWait (held while the session
// store is down, or queued behind its chat) gets 503, so a replica that dies meanwhile loses
// nothing: Telegram keeps it and sends it again.
func (w *webhookIntake) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	b := w.b
	if code := w.check(r); code != 0 {
		if code == http.StatusMethodNotAllowed {
			rw.Header().Set("Allow", http.MethodPost)
		}
		http.Error(rw, http.StatusText(code), code)
		return
	}
	body, err := readSized(http.MaxBytesReader(rw, r.Body, maxWebhookBody), r.ContentLength, maxWebhookBody)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(rw, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(rw, "cannot read body", http.StatusBadRequest)
		return
	}
	u, err := decodeUpdate(body)
	if err != nil {
		b.obs.Update(kindMalformed)
		b.log.Warn("skipping a webhook update that does not decode", "update", u.id, "err", err)
		if !json.Valid(body) {
			http.Error(rw, "not JSON", http.StatusBadRequest)
			return
		}
		rw.WriteHeader(http.StatusOK) // a retry would not decode better
		return
	}
	if !w.wait(r.Context(), w.start(u)) {
		rw.Header().Set("Retry-After", "5")
		http.Error(rw, "not handled yet", http.StatusServiceUnavailable)
		return
	}
	rw.WriteHeader(http.StatusOK)
}

// check returns the HTTP status refusing r, or 0 to accept it.
func (w *webhookIntake) check(r *http.Request) int {
	b := w.b
	switch {
	case b.cfg.Mode != "webhook":
		return http.StatusNotFound
	case r.Method != http.MethodPost:
		return http.StatusMethodNotAllowed
	}
	got := r.Header.Get(secretHeader)
	switch {
	case got == "":
		return http.StatusUnauthorized
	case subtle.ConstantTimeCompare([]byte(got), []byte(b.cfg.WebhookSecret)) != 1:
		return http.StatusForbidden
	case b.stopping.Load():
		return http.StatusServiceUnavailable
	}
	return 0
}

// start queues u unless it is already queued or recently handled.
func (w *webhookIntake) start(u update) *pending {
	w.mu.Lock()
	if _, ok := w.recent[u.id]; ok {
		w.mu.Unlock()
		w.b.obs.Update(kindDuplicate)
		return &pending{done: closedChan(), handled: true}
	}
	if p, ok := w.inflight[u.id]; ok {
		w.mu.Unlock()
		w.b.obs.Update(kindDuplicate)
		return p
	}
	p := &pending{done: make(chan struct{})}
	w.inflight[u.id] = p
	w.mu.Unlock()
	w.b.intake(u, func(handled bool) { w.finish(u.id, handled) })
	return p
}

// finish ends id; a handled id is remembered for a while against redelivery.
func (w *webhookIntake) finish(id int, handled bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if p, ok := w.inflight[id]; ok {
		p.handled = handled
		close(p.done)
		delete(w.inflight, id)
	}
	if !handled {
		return
	}
	w.recent[id] = struct{}{}
	w.order = append(w.order, id)
	if len(w.order) > recentUpdates {
		delete(w.recent, w.order[0])
		w.order = w.order[1:]
	}
}

// wait blocks until p ends, webhookWait passes, or the request ends; it reports whether
// the update was handled (false: Telegram must send it again, the queued update goes on).
func (w *webhookIntake) wait(ctx context.Context, p *pending) bool {
	t := time.NewTimer(webhookWait)
	defer t.Stop()
	select {
	case <-p.done:
		return p.handled
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// readSized reads r to its end, in one allocation when the announced size n (-1: unknown)
// is under limit; io.ReadAll grew its buffer several times for a 1 KB update.
func readSized(r io.Reader, n, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if n > 0 && n < limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// closedChan returns a channel that is already closed.
func closedChan() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}
