package bot

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

func TestWebhookRejectsBadRequests(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	h := startBot(t, api, eng, "webhook", nil)
	h.waitReady()
	hook := api.Webhook()["url"]
	update := fakeapi.User{ID: 5300000010}.Text("/start")
	tests := []struct {
		name   string
		method string
		secret string
		body   []byte
		want   int
	}{
		{"missing secret", http.MethodPost, "", update, http.StatusUnauthorized},
		{"wrong secret", http.MethodPost, "s3cr3t_Token-2", update, http.StatusForbidden},
		{"secret prefix", http.MethodPost, "s3cr3t", update, http.StatusForbidden},
		{"GET", http.MethodGet, "s3cr3t_Token-1", nil, http.StatusMethodNotAllowed},
		{"body too large", http.MethodPost, "s3cr3t_Token-1", bytes.Repeat([]byte("x"), 2<<20), http.StatusRequestEntityTooLarge},
		{"not JSON", http.MethodPost, "s3cr3t_Token-1", []byte("<xml/>"), http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, hook, bytes.NewReader(tt.body))
			if tt.secret != "" {
				req.Header.Set(secretHeader, tt.secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if n := len(eng.chatInputs("tg:5300000010")); n != 0 || len(api.Calls("sendMessage")) != 0 {
		t.Errorf("a rejected request was handled: %d inputs", n)
	}
	code, err := fakeapi.PostUpdate(context.Background(), hook, "s3cr3t_Token-1", update)
	if err != nil || code != http.StatusOK || len(eng.chatInputs("tg:5300000010")) != 1 {
		t.Errorf("the right secret: %d %v", code, err)
	}
}

func TestWebhookRedeliveryHandledOnce(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	eng.delay = 50 * time.Millisecond
	h := startBot(t, api, eng, "webhook", nil)
	h.waitReady()
	raw := []byte(`{"update_id":99,"message":{"message_id":1,"date":1764390000,"chat":{"id":5300000011,"type":"private"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`)
	codes := make(chan int, 3)
	for range 3 { // Telegram retrying while the first delivery is still being handled
		go func() {
			c, _ := fakeapi.PostUpdate(context.Background(), api.Webhook()["url"], "s3cr3t_Token-1", raw)
			codes <- c
		}()
	}
	for range 3 {
		if c := <-codes; c != http.StatusOK {
			t.Errorf("delivery answered %d", c)
		}
	}
	if n := len(eng.chatInputs("tg:5300000011")); n != 1 {
		t.Errorf("update handled %d times, want 1", n)
	}
}

func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	closed := func() string { // an address nothing listens on: a transport error
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}()
	api := newAPI(t)
	tests := []struct {
		name, url, token string
	}{
		{"transport error", closed, testToken},
		{"401 from Telegram", api.URL(), "999:WRONGwrongWRONGwrongWRONGwrong_xx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs syncBuffer
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := New(ctx, Config{Token: tt.token, APIURL: tt.url, Engine: newMenuEngine(),
				Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			if err == nil {
				t.Fatal("New succeeded")
			}
			for _, form := range []string{tt.token, url.PathEscape(tt.token), strings.Split(tt.token, ":")[1]} {
				if strings.Contains(err.Error(), form) || strings.Contains(logs.String(), form) {
					t.Errorf("token visible:\nerr: %v\nlogs: %s", err, logs.String())
				}
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, token, want string }{
		{"plain", "Post https://api.telegram.org/bot1:abc/getMe: EOF", "1:abc", "Post https://api.telegram.org/bot<redacted>/getMe: EOF"},
		{"escaped colon", "GET /bot1%3Aabc/x", "1:abc", "GET /bot<redacted>/x"},
		{"no token", "nothing here", "", "nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in, tt.token); got != tt.want {
				t.Errorf("Redact = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	eng.delay = 300 * time.Millisecond
	h := startBot(t, api, eng, "polling", nil)
	user := fakeapi.User{ID: 5300000012}
	api.Push(user.Text("/start"))
	eventually(t, "handling started", func() bool {
		eng.mu.Lock()
		defer eng.mu.Unlock()
		return eng.active["tg:5300000012"]
	})
	start := time.Now()
	h.close()
	if len(api.Messages(user.ID)) != 1 {
		t.Error("the in-flight update was not finished before exit")
	}
	if api.Pending() != 0 {
		t.Errorf("offset not committed at shutdown: %d pending", api.Pending())
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("shutdown took %v, the limit is 10 s", d)
	}
	if h.bot.Ready() {
		t.Error("still Ready after shutdown")
	}
}

func TestTokenNotInRuntimeLogs(t *testing.T) {
	api := fakeapi.New(testToken)
	h := startBot(t, api, newMenuEngine(), "polling", func(c *Config) { c.PollTimeout = time.Second })
	h.waitReady()
	api.Close() // Telegram goes away: every poll now fails in the transport
	eventually(t, "a logged poll failure", func() bool { return strings.Contains(h.logs.String(), "getUpdates failed") })
	logs := h.logs.String()
	if strings.Contains(logs, testToken) || strings.Contains(logs, url.PathEscape(testToken)) || !strings.Contains(logs, "connect") {
		t.Errorf("logs must name the failure without the token:\n%s", logs)
	}
}
