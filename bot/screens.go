package bot

import (
	"context"
	"errors"
	"sync"
)

// A press on a screen whose edit has not gone out yet (it waits out a 429 or the chat's
// pacing) calls that edit off: the edit is kept aside, and the chat's next delivery either
// replaces it (its first call edits the same message) or sends it before anything else.
// No screen is lost, and a user who taps twice during a surge does not watch an old screen
// go by before the new one.

// errSuperseded is the cause of an edit called off by a newer press on the same message.
var errSuperseded = errors.New("bot: a newer press on the same message")

// screens tracks, per chat, the one edit being sent that a newer press may call off, and
// the edit called off that the chat's next delivery owes (per process, like chatState).
type screens struct {
	mu      sync.Mutex
	sending map[string]*sendingEdit
	held    map[string]heldEdit
}

// sendingEdit is an edit on its way: the message it changes and how to call it off.
type sendingEdit struct {
	msgID  int
	cancel context.CancelCauseFunc
}

// heldEdit is an edit called off before it was answered.
type heldEdit struct {
	c     apiCall
	msgID int
}

// newScreens returns empty tracking.
func newScreens() *screens {
	return &screens{sending: map[string]*sendingEdit{}, held: map[string]heldEdit{}}
}

// press calls off chat's edit of msgID if one is on its way.
func (s *screens) press(chat string, msgID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.sending[chat]; e != nil && e.msgID == msgID {
		e.cancel(errSuperseded)
	}
}

// begin records chat's edit of msgID as on its way; the returned func ends that.
func (s *screens) begin(chat string, msgID int, cancel context.CancelCauseFunc) func() {
	e := &sendingEdit{msgID: msgID, cancel: cancel}
	s.mu.Lock()
	s.sending[chat] = e
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.sending[chat] == e {
			delete(s.sending, chat)
		}
	}
}

// hold keeps a called-off edit for chat's next delivery.
func (s *screens) hold(chat string, h heldEdit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held[chat] = h
}

// take removes and returns chat's held edit.
func (s *screens) take(chat string) (heldEdit, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.held[chat]
	delete(s.held, chat)
	return h, ok
}

// editOrHold edits msgID like edit, unless a newer press on the same message calls the
// edit off first: then it is held for the chat's next delivery and counts as done.
func (b *Bot) editOrHold(ctx context.Context, key string, c apiCall, msgID int) error {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	end := b.screens.begin(key, msgID, cancel)
	err := b.edit(cctx, key, c, msgID)
	end()
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(cctx), errSuperseded) {
		b.screens.hold(key, heldEdit{c: c, msgID: msgID})
		b.log.Debug("edit held: a newer press on the same screen", "chat", b.chatLabel(key))
		return nil
	}
	return err
}

// sendHeld sends the chat's held edit before its next call, unless that call edits the
// same message (replacing, 0: it does not): then the older screen is dropped.
func (b *Bot) sendHeld(ctx context.Context, key string, replacing int) {
	h, ok := b.screens.take(key)
	if !ok {
		return
	}
	if h.msgID == replacing {
		b.log.Debug("held edit replaced by a newer screen", "chat", b.chatLabel(key))
		return
	}
	if err := b.edit(ctx, key, h.c, h.msgID); err != nil {
		b.log.Warn("held edit not delivered", "chat", b.chatLabel(key), "err", err)
	}
}

// afterJob sends a held edit that no later update of the chat is queued to take care of.
func (b *Bot) afterJob(ctx context.Context, key string) {
	if b.chats.queued(key) == 0 {
		b.sendHeld(ctx, key, 0)
	}
}
