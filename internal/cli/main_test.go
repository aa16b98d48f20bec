package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
)

// env is a fake environment for run.
type env map[string]string

func (e env) get(k string) string { return e[k] }

func TestConsoleJourney(t *testing.T) {
	cases := []struct {
		name  string
		redis func(t *testing.T) string
	}{
		{"embedded redis", func(*testing.T) string { return "" }},
		{"real redis-server", func(t *testing.T) string { return redistest.Start(t).URL() }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errs strings.Builder
			// Français, returnee, Diourbel, Mbacké, employment.
			in := strings.NewReader("1\n1\n2\n3\n1\n")
			code := run(context.Background(), []string{"console"}, env{"REDIS_URL": tc.redis(t)}.get, in, &out, &errs)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs.String())
			}
			for _, want := range []string{"Tànnal sa làkk", "Qui êtes-vous", "département", "Mbacké", "Emploi", "ℹ️ 1"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("console output lacks %q:\n%s", want, out.String())
				}
			}
			embeddedNotice := strings.Contains(errs.String(), "embedded")
			if embeddedNotice != (tc.name == "embedded redis") {
				t.Errorf("embedded-Redis notice shown = %v; stderr: %s", embeddedNotice, errs.String())
			}
		})
	}
}

func TestRunRejectsBadConfiguration(t *testing.T) {
	var errs strings.Builder
	code := run(context.Background(), []string{"bot"}, env{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_MODE": "carrier-pigeon", "WORKERS": "0"}.get, strings.NewReader(""), io.Discard, &errs)
	if code != 2 || !strings.Contains(errs.String(), "TELEGRAM_MODE") || !strings.Contains(errs.String(), "WORKERS") {
		t.Errorf("exit %d, stderr %q: want 2 naming both bad variables", code, errs.String())
	}
	if strings.Contains(errs.String(), "1:x") {
		t.Error("the token was printed")
	}
}

// TestServeJourneyEndToEnd runs the real run function on a fake Bot API and a real Redis,
// drives a journey by buttons with personal data typed in, stops it with SIGTERM, and checks
// that no identifying value reached the log.
func TestServeJourneyEndToEnd(t *testing.T) {
	const token = "123456:SECRET-token-never-logged"
	api := fakeapi.New(token)
	defer api.Close()
	addr := e2eAddr(t)
	redis := redistest.Start(t)
	e := env{
		"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
		"HTTP_ADDR": addr, "LOG_FORMAT": "json", "LOG_LEVEL": "debug", "CATALOG_FILE": "../../catalog/catalog.yaml",
	}
	logs := e2eRun(t, e, func() {
		e2eWait(t, "/readyz", func() bool { s, _ := e2eGet("http://" + addr + "/readyz"); return s == 200 })
		journeyByButtons(t, api, fakeapi.User{ID: 5300000001, Lang: "fr"})
		if _, body := e2eGet("http://" + addr + "/metrics"); !strings.Contains(body, `samayoon_updates_total{type="callback"} 5`) {
			t.Errorf("/metrics did not count the 5 button presses")
		}
	})
	checkLogsArePrivate(t, logs, token)
	checkStatsRecorded(t, redis)
}

// checkStatsRecorded checks that the journey was counted, anonymously, once the bot stopped.
func checkStatsRecorded(t *testing.T, redis *redistest.Server) {
	t.Helper()
	key := "sy:stats:" + time.Now().UTC().Format("2006-01-02")
	fields, err := redis.Client(t).HGetAll(context.Background(), key).Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"start", "need:emploi", "dept:mbacke"} {
		if fields[want] == "" {
			t.Errorf("statistics lack %q: %v", want, fields)
		}
	}
	for f := range fields {
		if strings.Contains(f, "5300000001") || strings.Contains(f, "Awadiaw") {
			t.Errorf("statistics field %q identifies the user", f)
		}
	}
}

// journeyByButtons plays a user who starts, answers by buttons, and types personal data.
func journeyByButtons(t *testing.T, api *fakeapi.Server, user fakeapi.User) {
	t.Helper()
	push(api, user.Text("/start"))
	for i, label := range []string{"Français", "Migrant de retour", "Diourbel", "Mbacké", "Emploi"} {
		msg, data := waitButton(t, api, user.ID, label)
		push(api, user.Press("q"+string(rune('a'+i)), msg.ID, data))
	}
	waitText(t, api, user.ID, "ℹ️ 1")
	push(api, user.Text("Je m'appelle Awadiaw, mon numéro est +221771234567"))
	push(api, user.Location(14.79, -15.87))
	waitText(t, api, user.ID, "Mbacké")
}

// push hands an update to the fake, with a distinctive first name to look for in the logs.
func push(api *fakeapi.Server, raw []byte) {
	api.Push(bytes.ReplaceAll(raw, []byte(`"first_name":"Test"`), []byte(`"first_name":"Awadiaw"`)))
}

// checkLogsArePrivate fails when any identifying value reached the log.
func checkLogsArePrivate(t *testing.T, logs, token string) {
	t.Helper()
	if !strings.Contains(logs, `"component"`) {
		t.Errorf("no component attribute in the logs:\n%s", logs)
	}
	for _, secret := range []string{token, "SECRET-token", "5300000001", "Awadiaw", "+221771234567", "771234567", "appelle", "14.79"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs contain %q:\n%s", secret, logs)
		}
	}
}

// waitButton waits for a message in the chat with a button whose label contains label.
func waitButton(t *testing.T, api *fakeapi.Server, chat int64, label string) (fakeapi.Sent, string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msgs := api.Messages(chat)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Keyboard() {
				for _, b := range row {
					if strings.Contains(b.Text, label) {
						return msgs[i], b.Data
					}
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no button %q in chat %d: %+v", label, chat, api.Messages(chat))
	return fakeapi.Sent{}, ""
}

// waitText waits for a message (or edit) in the chat whose text contains s.
func waitText(t *testing.T, api *fakeapi.Server, chat int64, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range api.Messages(chat) {
			if strings.Contains(m.Text, s) || strings.Contains(m.Markup, s) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no message containing %q in chat %d", s, chat)
}

// TestServeReadinessWhileRedisIsDown: with Redis unreachable at start the process stays up,
// /healthz answers, /readyz names what is missing, and SIGTERM still ends it cleanly.
func TestServeReadinessWhileRedisIsDown(t *testing.T) {
	const token = "123456:another-token"
	api := fakeapi.New(token)
	defer api.Close()
	addr := e2eAddr(t)
	e := env{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": "redis://" + e2eAddr(t) + "/0", "HTTP_ADDR": addr}
	e2eRun(t, e, func() {
		status, body := e2eGet("http://" + addr + "/readyz")
		if status != 503 || !strings.Contains(body, "redis") || !strings.Contains(body, "telegram") {
			t.Errorf("/readyz = %d %q; want 503 naming redis and telegram", status, body)
		}
		if strings.Contains(body, "catalog") {
			t.Errorf("/readyz reports the catalog as failing: %q", body)
		}
	})
}
