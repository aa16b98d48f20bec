package bot

import (
	"context"
	"errors"
	"sync"

	"github.com/samayoon/samayoon/flows"
)

// The path of one update, for both sources (poll.go, webhook.go): intake answers a button
// press at once and queues the update behind its chat's earlier ones; handle runs it
// through the engine (runEngine) and delivers the replies (deliver.go).

// intake takes one decoded update. done(true) runs once the engine has committed it
// (before the replies go out: a redelivered update would be a duplicate the engine answers
// with nothing, so holding it back while replies wait out a 429 would only stall the
// source); done(false) when shutdown cancelled it first.
func (b *Bot) intake(u update, done func(handled bool)) {
	b.obs.Update(u.kind)
	u.at = b.cfg.Now()
	if u.chat.ID == "" || (u.kind != kindMember && !u.hasInput) {
		done(true) // nothing to do: other update types are ignored politely
		return
	}
	var answered chan struct{}
	if u.kind == kindCallback && u.srcMsgID != 0 {
		b.screens.press(u.chat.ID, u.srcMsgID) // its answer will show instead of an edit still waiting
	}
	if u.callbackID != "" {
		answered = make(chan struct{})
		b.chats.aside(func() {
			defer close(answered)
			b.answerCallback(b.jobs, u.callbackID)
		})
	}
	b.chats.add(u.chat.ID, func() {
		var once sync.Once
		commit := func(ok bool) { once.Do(func() { done(ok) }) }
		b.handle(b.jobs, u, answered, func() { commit(true) })
		commit(b.jobs.Err() == nil)
		b.afterJob(b.jobs, u.chat.ID)
	})
}

// handle runs one update to completion and reports it to the Observer; committed runs
// as soon as the engine has taken the update.
func (b *Bot) handle(ctx context.Context, u update, answered <-chan struct{}, committed func()) {
	start := b.cfg.Now()
	err := b.process(withWaitingSince(ctx, u.at), u, answered, committed)
	b.obs.Handled(b.cfg.Now().Sub(start), err)
}

// process applies one update: block bookkeeping, a staff message, or the engine and then
// its replies. A button press is answered while the engine runs, and always before the
// replies.
func (b *Bot) process(ctx context.Context, u update, answered <-chan struct{}, committed func()) error {
	key := u.chat.ID
	switch {
	case u.kind == kindMember:
		blocked := u.member == "blocked"
		b.state.setBlocked(key, blocked)
		b.log.Info("chat membership changed", "chat", b.chatLabel(key), "blocked", blocked)
		return nil
	case ctx.Err() != nil:
		return ctx.Err() // shutdown cancelled it before its turn: it stays unconfirmed
	case u.group:
		err := b.fromStaff(ctx, u)
		committed()
		return err
	case u.kind == kindCallback && b.cfg.StaffChatID != 0 && u.chatID == b.cfg.StaffChatID:
		err := b.staffButton(ctx, u)
		committed()
		return err
	}
	b.state.setBlocked(key, false) // a user who writes has unblocked the bot
	replies, err := b.runEngine(ctx, u.chat, u.input)
	if b.retryable(err) && ctx.Err() == nil {
		replies, err = b.hold(ctx, u)
	}
	if err != nil && ctx.Err() != nil {
		return err
	}
	committed()
	if answered != nil { // the button's spinner stops before any reply shows
		select {
		case <-answered:
		case <-ctx.Done():
		}
	}
	switch {
	case errors.Is(err, flows.ErrDuplicate):
		b.obs.Update(kindDuplicate)
		b.log.Debug("update already handled, nothing to send", "chat", b.chatLabel(key), "update", u.id)
		return nil
	case err != nil:
		b.log.Error("engine failed", "chat", b.chatLabel(key), "update", u.id, "err", err)
		if b.state.allowUnavailable(key, b.cfg.Now()) {
			_ = b.deliver(ctx, u, b.cfg.Engine.Unavailable(u.chat), msgRef{})
		}
		return err
	}
	own := msgRef{chat: u.chatID, id: u.msgID} // the user's media, which the engine may pass on
	return b.deliver(ctx, u, b.postStaff(ctx, u.chat.ID, replies, 0, own), msgRef{})
}

// runEngine hands one input to the engine, at most Workers at once: the engine's work
// (CPU and Redis) is bounded, while chats waiting on Telegram hold no slot.
func (b *Bot) runEngine(ctx context.Context, chat flows.Chat, in flows.Input) ([]flows.Reply, error) {
	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-b.slots }()
	return b.cfg.Engine.Handle(ctx, chat, in)
}
