package bot

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/samayoon/samayoon/flows"
)

// Journal keeps fetched updates durable until they are handled, so the poller can confirm
// them to Telegram at once (store.Journal keeps them in Redis). Nil: the poller confirms an
// update only once it is handled, which caps the updates in flight at one getUpdates batch.
type Journal interface {
	// Keep records updates (id -> entry) and forgets those below forgetBelow (0: none).
	Keep(ctx context.Context, updates map[int][]byte, forgetBelow int) error
	// Pending returns the entries kept and not forgotten, oldest first.
	Pending(ctx context.Context) ([][]byte, error)
}

// journalEntry is what the journal keeps of an update: only what handling it needs (no
// name or username of the sender, unlike Telegram's update; a number the user chose to
// share for the staff, like typed text, waits here only until the update is handled).
type journalEntry struct {
	ID         int         `json:"id"`
	Kind       string      `json:"k"`
	ChatID     int64       `json:"c"`
	Chat       flows.Chat  `json:"ch"`
	Input      flows.Input `json:"in"`
	HasInput   bool        `json:"hi,omitempty"`
	CallbackID string      `json:"cb,omitempty"`
	SrcMsgID   int         `json:"sm,omitempty"`
	Member     string      `json:"mb,omitempty"`
	Group      bool        `json:"g,omitempty"`
	MsgID      int         `json:"mi,omitempty"`
	ReplyTo    int         `json:"rt,omitempty"`
}

// encodeEntry turns an update into its journal entry.
func encodeEntry(u update) ([]byte, error) {
	return json.Marshal(journalEntry{ID: u.id, Kind: u.kind, ChatID: u.chatID, Chat: u.chat, Input: u.input,
		HasInput: u.hasInput, CallbackID: u.callbackID, SrcMsgID: u.srcMsgID, Member: u.member,
		Group: u.group, MsgID: u.msgID, ReplyTo: u.replyTo})
}

// decodeEntry reads a journal entry back.
func decodeEntry(raw []byte) (update, error) {
	var e journalEntry
	if err := json.Unmarshal(raw, &e); err != nil || e.ID <= 0 {
		return update{}, fmt.Errorf("unreadable journal entry (%d bytes): %v", len(raw), err)
	}
	return update{id: e.ID, kind: e.Kind, chatID: e.ChatID, chat: e.Chat, input: e.Input, hasInput: e.HasInput,
		callbackID: e.CallbackID, srcMsgID: e.SrcMsgID, member: e.Member,
		group: e.Group, msgID: e.MsgID, replyTo: e.ReplyTo}, nil
}

// journal makes the updates in flight durable before a poll and forgets the handled ones;
// false (no journal, or the write failed) means the offset stays behind unhandled updates.
func (b *Bot) journal(ctx context.Context, o *offsets) bool {
	if b.cfg.Journal == nil {
		return false
	}
	held, forget := o.toJournal()
	if len(held) == 0 && forget == 0 {
		return true
	}
	entries := make(map[int][]byte, len(held))
	for _, u := range held {
		e, err := encodeEntry(u)
		if err != nil {
			b.log.Warn("update not journaled", "update", u.id, "err", err)
			return false
		}
		entries[u.id] = e
	}
	if err := b.cfg.Journal.Keep(ctx, entries, forget); err != nil {
		if o.setJournalDown(true) && ctx.Err() == nil {
			b.log.Warn("journal not written; unhandled updates stay unconfirmed until it is", "err", err)
		}
		return false
	}
	if o.setJournalDown(false) {
		b.log.Info("journal written again")
	}
	o.journaled(held, forget)
	return true
}

// replayJournal queues the updates a previous run fetched and did not finish.
func (b *Bot) replayJournal(ctx context.Context, o *offsets) {
	if b.cfg.Journal == nil {
		return
	}
	raws, err := b.cfg.Journal.Pending(ctx)
	if err != nil {
		b.log.Warn("journal not read; updates fetched before the restart may be lost", "err", err)
		return
	}
	n := 0
	for _, raw := range raws {
		u, err := decodeEntry(raw)
		if err != nil {
			b.log.Warn("skipping a journal entry", "err", err)
			continue
		}
		if b.take(o, u, nil, true) {
			n++
		}
	}
	if n > 0 {
		b.log.Info("replaying updates fetched before the restart", "count", n)
	}
}
