package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// Threads links staff-group posts to the chats and handoff threads they belong to, and
// queues reminders for unanswered requests; shared by replicas (the Redis store implements
// it through main's adapter).
type Threads interface {
	Link(ctx context.Context, post int64, chat, thread string) error
	Find(ctx context.Context, post int64) (chat, thread string, ok bool, err error)
	Schedule(ctx context.Context, r Reminder) error
	// Due takes the reminders due at now off the queue (each is handed to one caller only).
	Due(ctx context.Context, now time.Time, max int) ([]Reminder, error)
}

// Reminder asks to re-announce a chat's thread, as a reply to the staff post Post.
type Reminder struct {
	Chat, Thread string
	Post         int64
	At           time.Time
}

// Handoff defaults.
const (
	defaultRemindEvery = 15 * time.Second
	remindBatch        = 20
)

// fromGroup maps a message in a group: only replies to the bot's posts matter (the staff
// answering a request); text, "/fin" and media are kept, anything else reaches the engine
// as empty. A media's caption travels with its copy.
func fromGroup(u *update, m *tgbotapi.Message) {
	u.kind, u.chatID, u.chat, u.hasInput, u.group = kindMessage, m.Chat.ID, chatOf(m.Chat, nil), true, true
	u.msgID = m.MessageID
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.IsBot {
		u.replyTo = r.MessageID
	}
	u.input = flows.Input{Kind: flows.InputStaff, Media: mediaOf(m)}
	if cmd, args, ok := parseCommand(m.Text); ok {
		u.input.Command, u.input.Text = cmd, args
		return
	}
	u.input.Text = truncate(m.Text, maxInputText)
}

// msgRef is a message to pass on with copyMessage: a user's media in a handoff thread, or
// a staff member's media reply. The bot copies it and keeps nothing of it.
type msgRef struct {
	chat int64
	id   int
}

// copyMessage passes msg on to chat (as a reply to replyTo, 0: none) and returns the copy's
// id; Telegram sends the media again, the bot never downloads it.
func (b *Bot) copyMessage(ctx context.Context, chat int64, msg msgRef, replyTo int) (int, error) {
	c := tgbotapi.NewCopyMessage(chat, msg.chat, msg.id)
	c.ReplyToMessageID, c.AllowSendingWithoutReply = replyTo, true
	return b.sendMessage(ctx, c)
}

// fromStaff relays a staff member's reply to a request post to the user who sent it; other
// group messages (chatter, other groups, posts not linked to a thread) are ignored.
func (b *Bot) fromStaff(ctx context.Context, u update) error {
	if u.chatID != b.cfg.StaffChatID || b.cfg.Threads == nil || u.replyTo == 0 {
		return nil
	}
	chat, thread, ok, err := b.cfg.Threads.Find(ctx, int64(u.replyTo))
	if err != nil || !ok {
		return err
	}
	userID, ok := chatNumber(chat)
	if !ok {
		return nil
	}
	in := u.input
	in.Thread, in.UpdateID = thread, strconv.Itoa(u.id)
	user := update{id: u.id, chatID: userID, chat: flows.Chat{ID: chat}}
	return b.relay(ctx, user, in, u.msgID)
}

// relay runs a staff-side input for a user's chat, then delivers the user's replies (a
// media reply copied from the staff message replyTo) and posts the staff notes (as replies
// to replyTo in the staff group).
func (b *Bot) relay(ctx context.Context, user update, in flows.Input, replyTo int) error {
	replies, err := b.runEngine(ctx, user.chat, in)
	if err != nil {
		b.log.Warn("staff message not relayed", "chat", b.chatLabel(user.chat.ID), "err", err)
		return err
	}
	rest := b.postStaff(ctx, user.chat.ID, replies, replyTo, msgRef{})
	if len(rest) == 0 {
		return nil
	}
	return b.deliver(ctx, user, rest, msgRef{chat: b.cfg.StaffChatID, id: replyTo})
}

// postStaff posts the replies flagged ToStaff in the staff group, linking the posts of a
// thread so a staff reply finds its way back, and scheduling a reminder for a waiting one;
// it returns the user's replies. replyTo (0: none) is the post they answer; src is the
// user's message a Copy reply passes on, below its post.
func (b *Bot) postStaff(ctx context.Context, chat string, replies []flows.Reply, replyTo int, src msgRef) []flows.Reply {
	if !slices.ContainsFunc(replies, func(r flows.Reply) bool { return r.ToStaff }) {
		return replies // the common case: nothing for the staff, nothing to copy
	}
	var user []flows.Reply
	for _, r := range replies {
		if !r.ToStaff {
			user = append(user, r)
			continue
		}
		if b.cfg.StaffChatID == 0 {
			continue
		}
		post := b.sendStaff(ctx, r.Text, replyTo)
		if post == 0 || r.Thread == "" || b.cfg.Threads == nil {
			continue
		}
		b.track(ctx, chat, r, post, replyTo)
		if r.Copy && src.id != 0 {
			b.copyToStaff(ctx, chat, r.Thread, src, post)
		}
	}
	return user
}

// copyToStaff copies a user's media below its post in the staff group and links the copy
// too, so a staff member may answer the media itself.
func (b *Bot) copyToStaff(ctx context.Context, chat, thread string, src msgRef, post int) {
	id, err := b.copyMessage(ctx, b.cfg.StaffChatID, src, post)
	if err != nil {
		b.log.Warn("media not passed to the staff", "chat", b.chatLabel(chat), "err", err)
		return
	}
	if err := b.cfg.Threads.Link(ctx, int64(id), chat, thread); err != nil {
		b.log.Warn("staff post not linked: replies to it will not reach the user", "err", err)
	}
}

// track links a thread's post and schedules its reminder; a reminder answers the first
// request post, so the staff see which request is waiting.
func (b *Bot) track(ctx context.Context, chat string, r flows.Reply, post, replyTo int) {
	if err := b.cfg.Threads.Link(ctx, int64(post), chat, r.Thread); err != nil {
		b.log.Warn("staff post not linked: replies to it will not reach the user", "err", err)
	}
	if !r.Waiting || b.cfg.RemindAfter <= 0 {
		return
	}
	origin := post
	if replyTo != 0 {
		origin = replyTo
	}
	rem := Reminder{Chat: chat, Thread: r.Thread, Post: int64(origin), At: b.cfg.Now().Add(b.cfg.RemindAfter)}
	if err := b.cfg.Threads.Schedule(ctx, rem); err != nil {
		b.log.Warn("reminder not scheduled", "err", err)
	}
}

// sendStaff posts plain text in the staff group and returns the new message's id (0 when
// it failed). Staff posts carry no buttons, pin or card.
func (b *Bot) sendStaff(ctx context.Context, text string, replyTo int) int {
	id := 0
	for _, part := range splitText(text, maxTextLen) {
		m := textMessage(b.cfg.StaffChatID, part)
		m.ReplyToMessageID, m.AllowSendingWithoutReply = replyTo, true
		sent, err := b.sendMessage(ctx, m)
		if err != nil {
			b.log.Warn("staff note not delivered", "err", err)
			return 0
		}
		if id == 0 {
			id = sent
		}
	}
	return id
}

// remindLoop re-announces unanswered requests until ctx ends; every replica runs it, and
// the queue hands each reminder to one of them.
func (b *Bot) remindLoop(ctx context.Context) {
	t := time.NewTicker(b.cfg.RemindEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			b.remindDue(ctx)
		}
	}
}

// remindDue sends the reminders due now; one that fails goes back in the queue.
func (b *Bot) remindDue(ctx context.Context) {
	due, err := b.cfg.Threads.Due(ctx, b.cfg.Now(), remindBatch)
	if err != nil {
		b.log.Warn("reminders not read", "err", err)
		return
	}
	for _, r := range due {
		userID, ok := chatNumber(r.Chat)
		if !ok {
			continue
		}
		user := update{chatID: userID, chat: flows.Chat{ID: r.Chat}}
		in := flows.Input{Kind: flows.InputRemind, Thread: r.Thread}
		if err := b.relay(ctx, user, in, int(r.Post)); err != nil && ctx.Err() == nil {
			r.At = b.cfg.Now().Add(b.cfg.RemindEvery)
			_ = b.cfg.Threads.Schedule(ctx, r)
		}
	}
}

// chatKey is the engine's chat id of a Telegram chat ("tg:123"); chatNumber reads it back.
func chatKey(id int64) string { return "tg:" + strconv.FormatInt(id, 10) }

// chatNumber reads the Telegram chat id of an engine chat id ("tg:123").
func chatNumber(chat string) (int64, bool) {
	s, ok := strings.CutPrefix(chat, "tg:")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
