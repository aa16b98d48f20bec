package cli

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
)

// Outage texts as users see them (locales/fr.toml).
const (
	e2eNotice  = "Un petit souci technique"
	e2eApology = "momentanément indisponible"
)

// TestRedisOutageHoldsAndAnswers stops a real redis-server, sends two messages of one chat,
// and starts Redis again: the chat gets the outage notice once, no apology, and then both
// messages answered in order; /readyz and the metrics follow the outage.
func TestRedisOutageHoldsAndAnswers(t *testing.T) {
	for _, webhook := range []bool{false, true} {
		name := map[bool]string{false: "polling", true: "webhook"}[webhook]
		t.Run(name, func(t *testing.T) {
			redis := redistest.Start(t, redistest.WithAOF())
			api := fakeapi.New(e2eToken)
			defer api.Close()
			addr := e2eAddr(t)
			env := map[string]string{
				"TELEGRAM_BOT_TOKEN": e2eToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
				"HTTP_ADDR": addr, "LOG_LEVEL": "warn", "WORKERS": "4", "OUTAGE_NOTICE_AFTER": "1s",
			}
			if webhook {
				env["TELEGRAM_MODE"], env["WEBHOOK_SECRET"] = "webhook", "e2e_secret-1"
				env["WEBHOOK_URL"] = "http://" + addr + "/telegram/hook"
			}
			e2eRun(t, env, func() { e2eOutage(t, api, redis, addr, webhook) })
		})
	}
}

// e2eOutage runs the outage against a started bot.
func e2eOutage(t *testing.T, api *fakeapi.Server, redis *redistest.Server, addr string, webhook bool) {
	t.Helper()
	base := "http://" + addr
	e2eWait(t, "/readyz 200", func() bool { s, _ := e2eGet(base + "/readyz"); return s == http.StatusOK })
	user := fakeapi.User{ID: 5300777002, Lang: "fr"}
	send := e2eSender(t, api, webhook)
	send(user.Text("/start"))
	e2eWait(t, "the greeting", func() bool { return len(api.Messages(user.ID)) > 0 })
	before := len(api.Messages(user.ID))

	redis.Stop()
	e2eWait(t, "/readyz 503", func() bool { s, _ := e2eGet(base + "/readyz"); return s == http.StatusServiceUnavailable })
	sent := time.Now()
	send(user.Text("/aide"))
	e2eWait(t, "the outage notice", func() bool { return e2eCount(api, user.ID, e2eNotice) == 1 })
	if waited := time.Since(sent); waited < 900*time.Millisecond {
		t.Errorf("notice after %s, want OUTAGE_NOTICE_AFTER (1s)", waited)
	}
	e2eWait(t, "samayoon_updates_held 1", func() bool { return e2eMetric(base, "samayoon_updates_held 1") })
	send(user.Text("/apropos")) // waits behind /aide, in its chat's queue
	time.Sleep(1500 * time.Millisecond)
	if n := len(api.Messages(user.ID)); n != before+1 {
		t.Fatalf("%d messages while Redis is down, want only the notice (%d)", n-before, 1)
	}

	redis.Restart()
	e2eWait(t, "both held messages answered", func() bool {
		return e2eCount(api, user.ID, "Je pose quelques questions") == 1 && e2eCount(api, user.ID, "open source") == 1
	})
	e2eWait(t, "/readyz 200 again", func() bool { s, _ := e2eGet(base + "/readyz"); return s == http.StatusOK })
	e2eWait(t, "held back to 0, one notice counted", func() bool {
		return e2eMetric(base, "samayoon_updates_held 0") && e2eMetric(base, "samayoon_outage_notices_total 1")
	})
	msgs := api.Messages(user.ID)
	help, about := e2eIndex(msgs, "Je pose quelques questions"), e2eIndex(msgs, "open source")
	if help < 0 || about < help {
		t.Errorf("answers out of order: /aide at %d, /apropos at %d", help, about)
	}
	if n, a := e2eCount(api, user.ID, e2eNotice), e2eCount(api, user.ID, e2eApology); n != 1 || a != 0 {
		t.Errorf("%d notices and %d apologies, want 1 and 0", n, a)
	}
}

// e2eSender returns how the test user's updates reach the bot: queued for getUpdates, or
// POSTed to the webhook, which answers 200 only once the update is handled.
func e2eSender(t *testing.T, api *fakeapi.Server, webhook bool) func([]byte) {
	if !webhook {
		return func(raw []byte) { api.Push(raw) }
	}
	e2eWait(t, "setWebhook", func() bool { return api.Webhook() != nil })
	return func(raw []byte) {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
			defer cancel()
			if s, err := api.Deliver(ctx, raw); err != nil || s != http.StatusOK {
				t.Errorf("webhook delivery: status %d, %v", s, err)
			}
		}()
	}
}

// e2eCount counts the chat's messages (edits included, as their latest text) containing s.
func e2eCount(api *fakeapi.Server, chat int64, s string) int {
	n := 0
	for _, m := range api.Messages(chat) {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}

// e2eIndex is the position of the first message containing s, -1 if none.
func e2eIndex(msgs []fakeapi.Sent, s string) int {
	for i, m := range msgs {
		if strings.Contains(m.Text, s) {
			return i
		}
	}
	return -1
}

// e2eMetric reports whether /metrics has a line starting with line.
func e2eMetric(base, line string) bool {
	s, body := e2eGet(base + "/metrics")
	return s == http.StatusOK && strings.Contains("\n"+body, "\n"+line+"\n")
}
