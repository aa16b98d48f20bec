package bot

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// While the session store is unreachable (Config.Retryable says which engine errors mean
// that), an update is held in its chat's queue and tried again with capped, jittered
// backoff: it is neither answered with an apology nor confirmed to Telegram before it is
// handled, and the chat's later updates wait behind it. A chat whose update has waited
// Config.NoticeAfter gets one short notice, once per outage; then the update is answered
// normally. The bound is Telegram's: polling keeps the offset at the oldest held update,
// so it fetches no more than one getUpdates window (100) beyond the journaled ones, and
// pauses (a poll a second) while the window brings nothing new;
// webhook requests stay open (up to webhookWait, then 503), at most MaxConnections.

// Hold policy.
const (
	holdFirst = 200 * time.Millisecond // first retry of a held update
	holdCap   = time.Second            // an outage is noticed over within 1.5 s of its end
	maxLangs  = 100_000                // chats whose language is remembered for the notice
)

// outage is the process' view of an ongoing store outage: how many updates it holds, which
// chats got the notice, and the language each chat last got replies in (memory only).
type outage struct {
	mu      sync.Mutex
	held    int
	noticed map[string]struct{}
	langs   map[string]string
}

// newOutage returns the state of a process that holds nothing.
func newOutage() *outage {
	return &outage{noticed: map[string]struct{}{}, langs: map[string]string{}}
}

// hold counts one more held update; it reports whether it is the first (an outage begins).
func (o *outage) hold() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.held++
	return o.held == 1
}

// release counts one held update done; when none is left the outage is over, so the chats
// may get the notice again in the next one. It reports whether that happened.
func (o *outage) release() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.held--
	if o.held > 0 {
		return false
	}
	o.noticed = map[string]struct{}{}
	return true
}

// holding reports whether any update waits for the store.
func (o *outage) holding() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.held > 0
}

// firstNotice reports whether chat has not had the notice in this outage, and records it.
func (o *outage) firstNotice(chat string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.noticed[chat]; ok {
		return false
	}
	o.noticed[chat] = struct{}{}
	return true
}

// wasNoticed reports whether chat had the notice in this outage.
func (o *outage) wasNoticed(chat string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.noticed[chat]
	return ok
}

// setLang remembers the language of the chat's latest replies.
func (o *outage) setLang(chat, lang string) {
	if lang == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.langs) >= maxLangs {
		o.langs = map[string]string{}
	}
	o.langs[chat] = lang
}

// lang is the language of the chat's latest replies, "" when unknown.
func (o *outage) lang(chat string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.langs[chat]
}

// holdDelay is the wait before retry n (from 1): doubling from holdFirst up to holdCap,
// plus up to a half of it at random, so held chats do not all retry in the same instant.
func holdDelay(n int) time.Duration {
	d := min(holdFirst<<min(n-1, 10), holdCap)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryable reports whether err means the session store is unreachable, so the update waits.
func (b *Bot) retryable(err error) bool {
	return err != nil && b.cfg.Retryable != nil && b.cfg.Retryable(err)
}

// hold retries u's engine call while the store stays unreachable, until it answers, fails
// otherwise, or shutdown cancels ctx; it sends the outage notice when it falls due.
func (b *Bot) hold(ctx context.Context, u update) ([]flows.Reply, error) {
	if b.outage.hold() {
		b.log.Warn("session store unreachable: holding updates until it answers", "chat", b.chatLabel(u.chat.ID), "update", u.id)
	}
	b.obs.Held(1)
	defer func() {
		b.obs.Held(-1)
		if b.outage.release() {
			b.log.Info("no update held any more", "chat", b.chatLabel(u.chat.ID))
		}
	}()
	for n := 1; ; n++ {
		d := holdDelay(n)
		if left := b.noticeIn(u); left <= 0 {
			b.sendNotice(ctx, u)
		} else {
			d = min(d, left)
		}
		if err := sleep(ctx, d); err != nil {
			return nil, err
		}
		replies, err := b.runEngine(ctx, u.chat, u.input)
		if errors.Is(err, flows.ErrDuplicate) {
			// An earlier attempt was saved though it reported a failure (or another replica
			// took a redelivery): its answer may never have gone out, so the chat gets its
			// current question (an edit to the same screen changes nothing).
			b.log.Warn("held update found handled already: showing the current question", "chat", b.chatLabel(u.chat.ID), "update", u.id)
			if replies, err = b.cfg.Engine.Current(ctx, u.chat); err == nil {
				return replies, nil
			}
		}
		if !b.retryable(err) || ctx.Err() != nil {
			return replies, err
		}
	}
}

// noticeIn is how long until u's chat is due the outage notice; 0 or less means now, and
// a very long time when the notice is off or already sent.
func (b *Bot) noticeIn(u update) time.Duration {
	if b.cfg.NoticeAfter <= 0 || u.group || b.outage.wasNoticed(u.chat.ID) {
		return time.Duration(1<<63 - 1)
	}
	return b.cfg.NoticeAfter - b.cfg.Now().Sub(u.at)
}

// sendNotice tells the chat, once per outage, that its answer will come. The language is
// the chat's latest replies' (in memory), else its phone's, else French: no store is read.
// It is always a new message, so the screen the user pressed stays as it is.
func (b *Bot) sendNotice(ctx context.Context, u update) {
	if !b.outage.firstNotice(u.chat.ID) {
		return
	}
	chat := u.chat
	if lang := b.outage.lang(chat.ID); lang != "" {
		chat.PlatformLang = lang
	}
	for _, r := range b.cfg.Engine.OutageNotice(chat) {
		for _, c := range render(u.chatID, r, b.state.keyboardShown(chat.ID)).calls {
			if err := b.send(ctx, chat.ID, c.c); err != nil {
				b.log.Warn("outage notice not delivered", "chat", b.chatLabel(chat.ID), "err", err)
				return
			}
		}
	}
	b.obs.OutageNotice()
}
