// Package alerts tells subscribed chats when an offer opens for their need and place: it
// detects changes in the catalog, queues them (through a Queue the Redis store implements),
// and sends at most one message a day per chat at a set rate, below conversation replies in
// priority, through a Sender the Telegram channel implements.
package alerts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// Change is one reason to alert: an offer newly open (or its application window newly
// open) for some subscription keys, or its window closing soon (Remind), for the chats
// that were told about it.
type Change struct {
	Offer  string
	Remind bool
	Date   string   // the window's opening ("-" when none) or, for Remind, its closing day
	Keys   []string // flows.Subscription keys whose results page shows the offer; none for Remind
}

// ID names the change for idempotency: "o:offer:opens" or "r:offer:closes".
func (c Change) ID() string {
	kind := "o"
	if c.Remind {
		kind = "r"
	}
	return kind + ":" + c.Offer + ":" + c.Date
}

// ParseID reads a Change ID back (without its keys).
func ParseID(id string) (Change, error) {
	var c Change
	kind, rest, ok := cut(id)
	offer, date, ok2 := cut(rest)
	if !ok || !ok2 || (kind != "o" && kind != "r") || offer == "" || date == "" {
		return c, fmt.Errorf("alerts: bad change id %q", id)
	}
	return Change{Offer: offer, Remind: kind == "r", Date: date}, nil
}

// Item is what the change adds to a chat's next message: "o:offer" or "r:offer".
func (c Change) Item() string {
	if c.Remind {
		return "r:" + c.Offer
	}
	return "o:" + c.Offer
}

// ParseItem turns a queued item back into what the message shows.
func ParseItem(s string) (flows.AlertItem, bool) {
	kind, offer, ok := cut(s)
	if !ok || offer == "" || (kind != "o" && kind != "r") {
		return flows.AlertItem{}, false
	}
	return flows.AlertItem{Offer: offer, Remind: kind == "r"}, true
}

// cut splits at the first colon.
func cut(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// Sender shows one alert message in a chat; the Telegram channel implements it. It returns
// a *RetryAfterError when Telegram asks to wait (429) and ErrBlocked when the chat blocked
// the bot or is gone (403).
type Sender interface {
	Send(ctx context.Context, chatID, text string, buttons [][]flows.Choice) error
}

// ErrBlocked means the chat will never receive a message again: its alerts are removed.
var ErrBlocked = errors.New("alerts: chat blocked the bot")

// RetryAfterError is Telegram's 429: no message before After.
type RetryAfterError struct{ After time.Duration }

// Error says how long to wait.
func (e *RetryAfterError) Error() string { return fmt.Sprintf("alerts: retry after %s", e.After) }

// Renderer writes a chat's alert message; *flows.Engine implements it.
type Renderer interface {
	AlertMessage(lang string, items []flows.AlertItem) (flows.Reply, bool)
}
