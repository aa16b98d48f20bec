package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// RetryAfterError is Telegram's 429 for an alert: the caller pauses its whole broadcast.
type RetryAfterError struct{ After time.Duration }

// Error says how long Telegram asked to wait.
func (e *RetryAfterError) Error() string { return fmt.Sprintf("telegram: retry after %s", e.After) }

// SendAlert shows one alert message (text and inline buttons) in an engine chat ("tg:123").
// It goes through the same transport as replies, so it keeps to the bot-wide rate Telegram
// accepts and waits out a 429 there (the alerts' dispatcher paces the broadcast below the
// replies); a 429 it gives up on comes back as *RetryAfterError, a chat that blocked the
// bot, left or does not exist as ErrBlocked; alert messages do not count as replies.
func (b *Bot) SendAlert(ctx context.Context, chat, text string, buttons [][]flows.Choice) error {
	id, ok := chatNumber(chat)
	if !ok || b.state.isBlocked(chat) {
		return ErrBlocked
	}
	for _, c := range render(id, flows.Reply{Text: text, Choices: buttons}, false).calls {
		_, err := b.sendMessage(ctx, c.c)
		var ae *apiError
		switch {
		case err == nil:
		case errors.As(err, &ae) && ae.Code == http.StatusTooManyRequests:
			return &RetryAfterError{After: time.Duration(max(ae.RetryAfter, 1)) * time.Second}
		case errors.As(err, &ae) && (ae.Code == http.StatusForbidden ||
			ae.Code == http.StatusBadRequest && strings.Contains(strings.ToLower(ae.Description), "chat not found")):
			b.state.setBlocked(chat, true)
			return ErrBlocked
		default:
			return fmt.Errorf("bot: alert: %w", err)
		}
	}
	return nil
}
