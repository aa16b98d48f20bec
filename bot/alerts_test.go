package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
)

func TestSendAlert(t *testing.T) {
	buttons := [][]flows.Choice{{{ID: "a:o:offre", Label: "ℹ️ 1"}}, {{ID: "a:stop", Label: "🔕 Arrêter"}}}
	tests := []struct {
		name  string
		chat  string
		setup func(api *fakeapi.Server)
		check func(t *testing.T, err error)
	}{
		{"sent with its buttons", "tg:77", nil, func(t *testing.T, err error) {
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"blocked chat", "tg:77", func(api *fakeapi.Server) { api.Block(77, true) }, func(t *testing.T, err error) {
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("err = %v, want ErrBlocked", err)
			}
		}},
		{"Telegram insists on waiting", "tg:77", func(api *fakeapi.Server) {
			api.Fail("sendMessage", fakeapi.Fault{Code: 429, RetryAfter: 600, Times: 20})
		}, func(t *testing.T, err error) {
			var ra *RetryAfterError
			if !errors.As(err, &ra) || ra.After != 600*time.Second {
				t.Fatalf("err = %v, want a 600 s RetryAfterError", err)
			}
		}},
		{"not a Telegram chat", "console:1", nil, func(t *testing.T, err error) {
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("err = %v", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := newAPI(t)
			h := startBot(t, api, newMenuEngine(), "polling", nil)
			h.waitReady()
			if tc.setup != nil {
				tc.setup(api)
			}
			tc.check(t, h.bot.SendAlert(context.Background(), tc.chat, "🔔 Du nouveau", buttons))
			if tc.name == "sent with its buttons" {
				m := h.lastMessage(77, 1)
				kb := m.Keyboard()
				if !strings.Contains(m.Text, "Du nouveau") || len(kb) != 2 || kb[1][0].Data != "a:stop" {
					t.Fatalf("sent %+v", m)
				}
				h.obs.mu.Lock()
				replies := h.obs.replies
				h.obs.mu.Unlock()
				if replies != 0 {
					t.Fatal("an alert was counted as a conversation reply")
				}
			}
		})
	}
}
