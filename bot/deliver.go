package bot

import (
	"cmp"
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// deliver sends the replies in order; a button press may edit the message it came from,
// and a Copy reply passes src (a staff member's media) on after its text.
func (b *Bot) deliver(ctx context.Context, u update, replies []flows.Reply, src msgRef) error {
	key := u.chat.ID
	var firstErr error
	editable := b.state.isLast(key, u.srcMsgID)
	b.state.setLast(key, max(u.srcMsgID, u.msgID))
	first := true
	for i, r := range replies {
		out := render(u.chatID, r, b.state.keyboardShown(key))
		if out.dropped > 0 {
			b.log.Warn("buttons left out: empty label or id over 64 bytes", "chat", b.chatLabel(key), "count", out.dropped)
		}
		if r.Copy && src.id != 0 {
			out.calls = append(out.calls, apiCall{c: tgbotapi.NewCopyMessage(u.chatID, src.chat, src.id)})
		}
		for j, c := range out.calls {
			edits := i == 0 && j == 0 && c.inline && editable
			if first { // a screen held back goes first, or is replaced by this edit of it
				b.sendHeld(ctx, key, editTarget(edits, u.srcMsgID))
				first = false
			}
			var err error
			switch {
			case edits && len(replies) == 1 && len(out.calls) == 1: // the whole answer: a newer press may replace it
				err = b.editOrHold(ctx, key, c, u.srcMsgID)
			case edits:
				err = b.edit(ctx, key, c, u.srcMsgID)
			default:
				err = b.send(ctx, key, c.c)
			}
			if errors.Is(err, ErrBlocked) {
				b.state.setBlocked(key, true)
				b.log.Info("chat unreachable, stop sending", "chat", b.chatLabel(key))
				return err
			}
			if err != nil {
				b.log.Warn("reply not delivered", "chat", b.chatLabel(key), "method", methodOf(c.c), "err", err)
				firstErr = cmp.Or(firstErr, err)
			}
		}
		b.afterReply(u, r, out)
		b.outage.setLang(key, r.Lang)
	}
	if lang := menuOf(replies); lang != "" {
		b.chatCommands(ctx, u.chatID, lang)
	}
	return firstErr
}

// editTarget is the message an edit changes, 0 for a call that is not an edit.
func editTarget(edits bool, msgID int) int {
	if edits {
		return msgID
	}
	return 0
}

// afterReply keeps the share-location keyboard state.
func (b *Bot) afterReply(u update, r flows.Reply, out rendered) {
	switch {
	case r.AskLocation || r.AskPhone:
		b.state.setKeyboard(u.chat.ID, true)
	case out.removed:
		b.state.setKeyboard(u.chat.ID, false)
	}
}

// menuOf is the command menu language the engine asks for, "" when the menu stays as it is.
func menuOf(replies []flows.Reply) string {
	for _, r := range replies {
		if r.Menu != "" {
			return r.Menu
		}
	}
	return ""
}

// send makes one call for a chat, skipping chats known to have blocked the bot.
func (b *Bot) send(ctx context.Context, key string, c tgbotapi.Chattable) error {
	if b.state.isBlocked(key) {
		return ErrBlocked
	}
	if e, ok := c.(tgbotapi.EditMessageTextConfig); ok {
		if err := b.request(ctx, e); err != nil {
			return err
		}
		b.obs.Reply()
		return nil
	}
	id, err := b.sendMessage(ctx, c)
	if err != nil {
		return err
	}
	b.obs.Reply()
	b.state.setLast(key, id)
	return nil
}

// edit replaces the pressed message; "not modified" is success, and a message that can
// no longer be edited gets a new message instead.
func (b *Bot) edit(ctx context.Context, key string, c apiCall, msgID int) error {
	err := b.send(ctx, key, asEdit(c, msgID))
	switch {
	case err == nil, notModified(err):
		return nil
	case errors.Is(err, ErrBlocked) || ctx.Err() != nil:
		return err
	}
	var ae *apiError
	if errors.As(err, &ae) && ae.Code == 400 {
		return b.send(ctx, key, c.c)
	}
	return err
}

// answerCallback stops the button's spinner; it runs before the update waits its turn.
func (b *Bot) answerCallback(ctx context.Context, id string) {
	if err := b.request(ctx, tgbotapi.NewCallback(id, "")); err != nil {
		b.log.Warn("answerCallbackQuery failed", "err", err)
	}
}

// chatCommands shows Wolof commands to a chat that chose Wolof, and the default otherwise;
// the engine asks only when the menu changes (not for every chat that chooses French).
func (b *Bot) chatCommands(ctx context.Context, chatID int64, lang string) {
	scope := tgbotapi.NewBotCommandScopeChat(chatID)
	var err error
	if lang == "wo" {
		err = b.publishCommands(ctx, "wo", &scope)
	} else {
		err = b.request(ctx, tgbotapi.NewDeleteMyCommandsWithScope(scope))
	}
	if err != nil {
		b.log.Warn("chat command menu not updated", "chat", b.chatLabel(chatKey(chatID)), "err", err)
	}
}

// publishCommands sets the engine's commands in lang for scope (nil: everyone).
func (b *Bot) publishCommands(ctx context.Context, lang string, scope *tgbotapi.BotCommandScope) error {
	list := botCommands(b.cfg.Engine.Commands(lang))
	if len(list) == 0 {
		return nil
	}
	c := tgbotapi.NewSetMyCommands(list...)
	c.Scope = scope
	return b.request(ctx, c)
}

// botCommands keeps the commands Telegram accepts: 1-32 of [a-z0-9_], a description of
// 1-256 characters (longer ones are cut), at most 100.
func botCommands(cmds []flows.Command) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range cmds {
		name := strings.TrimPrefix(c.Name, "/")
		desc := strings.TrimSpace(c.Description)
		if name == "" || len(name) > 32 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || desc == "" {
			continue
		}
		if utf8.RuneCountInString(desc) > 256 {
			desc = string([]rune(desc)[:256])
		}
		out = append(out, tgbotapi.BotCommand{Command: name, Description: desc})
		if len(out) == 100 {
			break
		}
	}
	return out
}
