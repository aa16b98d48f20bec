package bot

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

// TestWebhookLeaveDelay: a stopping webhook replica turns unready at once but still answers
// updates for LeaveDelay, so a proxy's health check takes it out before it refuses any.
func TestWebhookLeaveDelay(t *testing.T) {
	api := newAPI(t)
	h := startBot(t, api, newMenuEngine(), "webhook", func(c *Config) { c.LeaveDelay = 3 * time.Second })
	h.waitReady()
	h.stop()
	eventually(t, "unready after the stop", func() bool { return !h.bot.Ready() })
	user := fakeapi.User{ID: 5300000041, Lang: "fr"}
	if code, err := api.Deliver(context.Background(), user.Text("/start")); err != nil || code != http.StatusOK {
		t.Fatalf("update during the leave delay: %d %v, want 200", code, err)
	}
	h.lastMessage(user.ID, 1) // answered
	select {
	case <-h.done:
		h.done <- nil // close() waits for it again
	case <-time.After(10 * time.Second):
		t.Error("Run did not return after the leave delay")
	}
}
