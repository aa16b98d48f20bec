package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// fakeAPI records the Bot API calls the floor makes.
type fakeAPI struct {
	mu    sync.Mutex
	calls []string
	last  map[string]json.RawMessage
}

// ServeHTTP answers every method with ok and remembers it.
func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	body, _ := io.ReadAll(r.Body)
	var params map[string]json.RawMessage
	_ = json.Unmarshal(body, &params)
	f.mu.Lock()
	f.calls = append(f.calls, method)
	f.last = params
	f.mu.Unlock()
	_, _ = io.WriteString(w, `{"ok":true,"result":true}`)
}

// newTestFloor returns a floor on a fake API and miniredis.
func newTestFloor(t *testing.T) (*floor, *fakeAPI, *miniredis.Miniredis) {
	t.Helper()
	fa := &fakeAPI{}
	srv := httptest.NewServer(fa)
	t.Cleanup(srv.Close)
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &floor{api: newAPI(srv.URL, "1:T", 2), rdb: rdb, log: log, screens: buildScreens()}, fa, mr
}

// decode parses an update fixture.
func decode(t *testing.T, s string) *update {
	t.Helper()
	var u update
	if err := json.Unmarshal([]byte(s), &u); err != nil {
		t.Fatal(err)
	}
	return &u
}

func TestHandleDoesTheFloorsWorkOnly(t *testing.T) {
	const start = `{"update_id":1,"message":{"chat":{"id":42},"text":"/start"}}`
	const press = `{"update_id":2,"callback_query":{"id":"q1","data":"s0:0","message":{"chat":{"id":42}}}}`
	cases := []struct {
		name      string
		stored    string // session value before, "" for none
		upd       string
		wantCalls []string
		wantState string
		wantLabel string // a button label the sent keyboard must hold
	}{
		{"start without session", "", start, []string{"sendMessage"}, "0", "Français"},
		{"start restarts", "4", start, []string{"sendMessage"}, "0", "Wolof"},
		{"press moves on", "0", press, []string{"answerCallbackQuery", "sendMessage"}, "1", "Autre"},
		{"press on regions", "1", press, []string{"answerCallbackQuery", "sendMessage"}, "2", "Diourbel"},
		{"press on last screen stays", "5", press, []string{"answerCallbackQuery", "sendMessage"}, "5", "Recommencer"},
		{"garbage state restarts", "99", press, []string{"answerCallbackQuery", "sendMessage"}, "0", "Français"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, fa, mr := newTestFloor(t)
			if tc.stored != "" {
				mr.Set("floor:42", tc.stored)
			}
			if err := f.rdb.Ping(context.Background()).Err(); err != nil {
				t.Fatal(err) // opens the connection: its handshake is not per update
			}
			before := mr.CommandCount()
			if err := f.handle(context.Background(), decode(t, tc.upd)); err != nil {
				t.Fatalf("handle: %v", err)
			}
			if got := mr.CommandCount() - before; got != 2 {
				t.Errorf("redis commands = %d, want 2 (one GET, one SET)", got)
			}
			if strings.Join(fa.calls, ",") != strings.Join(tc.wantCalls, ",") {
				t.Errorf("calls = %v, want %v", fa.calls, tc.wantCalls)
			}
			if got, _ := mr.Get("floor:42"); got != tc.wantState {
				t.Errorf("state = %q, want %q", got, tc.wantState)
			}
			if !strings.Contains(string(fa.last["reply_markup"]), tc.wantLabel) {
				t.Errorf("keyboard %s lacks %q", fa.last["reply_markup"], tc.wantLabel)
			}
		})
	}
}

func TestWebhookChecksTheSecret(t *testing.T) {
	cases := []struct {
		name, method, secret, body string
		want                       int
	}{
		{"right secret", http.MethodPost, "s3", `{"update_id":1,"message":{"chat":{"id":7},"text":"hi"}}`, 200},
		{"wrong secret", http.MethodPost, "nope", `{"update_id":1}`, 401},
		{"GET refused", http.MethodGet, "s3", ``, 405},
		{"undecodable body is dropped with 200", http.MethodPost, "s3", `{`, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			shards := []chan job{make(chan job, 1)}
			go func() {
				for j := range shards[0] {
					close(j.done)
				}
			}()
			defer close(shards[0])
			h := webhookHandler("s3", shards, slog.New(slog.NewTextHandler(io.Discard, nil)))
			req := httptest.NewRequest(tc.method, "/webhook", strings.NewReader(tc.body))
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tc.secret)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("status = %d, want %d", rec.Code, tc.want)
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	base := map[string]string{"TELEGRAM_API_URL": "http://x", "TELEGRAM_BOT_TOKEN": "1:T", "REDIS_URL": "redis://x"}
	cases := []struct {
		name    string
		extra   map[string]string
		wantErr bool
	}{
		{"polling by default", nil, false},
		{"webhook with tgsim names", map[string]string{"TELEGRAM_MODE": "webhook",
			"TGSIM_WEBHOOK_URL": "http://h/webhook", "TGSIM_WEBHOOK_ADDR": "127.0.0.1:1"}, false},
		{"webhook without url", map[string]string{"TELEGRAM_MODE": "webhook"}, true},
		{"unknown mode", map[string]string{"TELEGRAM_MODE": "pigeon"}, true},
		{"no redis", map[string]string{"REDIS_URL": ""}, true},
		{"bad workers", map[string]string{"FLOOR_WORKERS": "0"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tc.extra {
				env[k] = v
			}
			_, err := loadConfig(func(k string) string { return env[k] })
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, wantErr %v", err, tc.wantErr)
			}
		})
	}
}
