package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

// errStoreDown stands for the store's "unreachable" errors in these tests.
var errStoreDown = errors.New("store: dial tcp: connection refused")

// TestHeldUpdatesNoticeOnceThenAnswered: while the engine's store is down, a chat's updates
// wait (no apology), the chat gets the notice once, in the language of its latest replies,
// and once the store is back both updates are answered, in order, and the held gauge is 0.
func TestHeldUpdatesNoticeOnceThenAnswered(t *testing.T) {
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			api := newAPI(t)
			eng := newMenuEngine()
			h := startBot(t, api, eng, mode, func(c *Config) {
				c.Retryable = func(err error) bool { return errors.Is(err, errStoreDown) }
				c.NoticeAfter = 300 * time.Millisecond
			})
			h.waitReady()
			user := fakeapi.User{ID: 5300000031, Lang: "fr"} // phone in French, chat in Wolof
			send := heldSender(t, h, mode)
			send(user.Text("/start l-wo"))
			h.lastMessage(user.ID, 1)

			eng.setFail(errStoreDown)
			send(user.Press("q1", h.lastMessage(user.ID, 1).ID, "aud:jeune"))
			eventually(t, "the press taken", func() bool { return h.obs.count(kindCallback) == 1 }) // a chat's updates come one after another
			send(user.Text("/start"))
			notice := h.lastMessage(user.ID, 2)
			if notice.Text != "Am na jafe-jafe." {
				t.Fatalf("notice %q, want the Wolof one (the chat's latest replies were Wolof)", notice.Text)
			}
			time.Sleep(800 * time.Millisecond) // both held past NoticeAfter: still one notice
			if n := len(api.Messages(user.ID)); n != 2 {
				t.Fatalf("%d messages while the store is down, want the greeting and one notice", n)
			}

			eng.setFail(nil)
			eventually(t, "both held updates handled", func() bool { return h.obs.handledCount() == 3 })
			msgs := api.Messages(user.ID)
			press, start := textIndex(msgs, "Où habitez-vous"), textIndex(msgs, "Bienvenue")
			if press < 2 || start < press { // after the notice, and in order
				t.Errorf("answers after the outage at %d (press) and %d (/start) of %d messages", press, start, len(msgs))
			}
			for _, m := range msgs {
				if strings.Contains(m.Text, "indisponible") {
					t.Errorf("apology sent for a held update: %q", m.Text)
				}
			}
			h.obs.mu.Lock()
			held, notices := h.obs.held, h.obs.notices
			h.obs.mu.Unlock()
			if held != 0 || notices != 1 {
				t.Errorf("held gauge %d, notices %d; want 0 and 1", held, notices)
			}
		})
	}
}

// TestHeldUpdateAppliedAlreadyShowsCurrentQuestion: an update whose save succeeded though
// the call failed comes back as a duplicate when retried; the chat then gets its current
// question instead of silence, once.
func TestHeldUpdateAppliedAlreadyShowsCurrentQuestion(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	h := startBot(t, api, eng, "polling", func(c *Config) {
		c.Retryable = func(err error) bool { return errors.Is(err, errStoreDown) }
	})
	h.waitReady()
	user := fakeapi.User{ID: 5300000032, Lang: "fr"}
	api.Push(user.Text("/start"))
	h.lastMessage(user.ID, 1)
	eng.mu.Lock()
	eng.lostSave = errStoreDown
	eng.mu.Unlock()
	api.Push(user.Text("/start"))
	last := h.lastMessage(user.ID, 2)
	if last.Text != "Question en cours : audience" {
		t.Fatalf("after a lost save the chat got %q, want its current question", last.Text)
	}
	eventually(t, "the update handled", func() bool { return h.obs.handledCount() == 2 })
	eng.mu.Lock()
	defer eng.mu.Unlock()
	if eng.currents != 1 || len(api.Messages(user.ID)) != 2 {
		t.Errorf("Current called %d times, %d messages; want 1 and 2", eng.currents, len(api.Messages(user.ID)))
	}
}

// heldSender delivers updates: queued for polling, or POSTed in the background to the
// webhook, which answers only once the update is handled. A POST outlives the test's own
// context (cancelled as the test returns, maybe while a 200 is on its way) and the test
// waits for it.
func heldSender(t *testing.T, h *harness, mode string) func([]byte) {
	if mode == "polling" {
		return func(raw []byte) { h.api.Push(raw) }
	}
	return func(raw []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if code, err := h.api.Deliver(ctx, raw); err != nil || code != 200 {
				t.Errorf("webhook delivery: %d, %v", code, err)
			}
		}()
		t.Cleanup(func() { <-done })
	}
}

// textIndex is the position of the first message containing s, -1 if none.
func textIndex(msgs []fakeapi.Sent, s string) int {
	for i, m := range msgs {
		if strings.Contains(m.Text, s) {
			return i
		}
	}
	return -1
}
