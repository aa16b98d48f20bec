package logging_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/logging"
	"github.com/samayoon/samayoon/internal/testutil"
)

// Personal data the journey carries; none of it may reach a log line.
const (
	token    = "5300001:AAH_privacy-Test_token"
	chatID   = 7301234567
	first    = "Aminata"
	last     = "Ndiayezz"
	username = "aminata_dkr77"
	phone    = "+221771234567"
	typed    = "Maa ngi bëgg dem Itali, sama nimero mooy " + phone
)

// lockedBuffer is the shared goroutine-safe log sink.
type lockedBuffer = testutil.SyncBuffer

// echoEngine answers every input with one button, fails on "boom", and counts calls.
type echoEngine struct {
	mu    sync.Mutex
	calls int
}

func (e *echoEngine) Handle(_ context.Context, _ flows.Chat, in flows.Input) ([]flows.Reply, error) {
	e.mu.Lock()
	e.calls++
	e.mu.Unlock()
	if in.Kind == flows.InputText && strings.Contains(in.Text, "boom") {
		return nil, errors.New("engine failed on purpose")
	}
	return []flows.Reply{{Text: "Jërëjëf", Lang: "wo", Choices: [][]flows.Choice{{{ID: "n:job", Label: "Liggéey"}}}}}, nil
}
func (e *echoEngine) Unavailable(flows.Chat) []flows.Reply  { return []flows.Reply{{Text: "Later"}} }
func (e *echoEngine) OutageNotice(flows.Chat) []flows.Reply { return []flows.Reply{{Text: "Soon"}} }
func (e *echoEngine) Current(context.Context, flows.Chat) ([]flows.Reply, error) {
	return []flows.Reply{{Text: "Now"}}, nil
}
func (e *echoEngine) Commands(string) []flows.Command {
	return []flows.Command{{Name: "start", Description: "Tambali"}}
}
func (e *echoEngine) handled() int { e.mu.Lock(); defer e.mu.Unlock(); return e.calls }

// update builds a private-chat update with a real-looking sender.
func update(kind string, body map[string]any) []byte {
	from := map[string]any{"id": chatID, "is_bot": false, "first_name": first, "last_name": last, "username": username, "language_code": "wo"}
	chat := map[string]any{"id": chatID, "type": "private", "first_name": first, "last_name": last, "username": username}
	body["from"], body["chat"], body["date"] = from, chat, time.Now().Unix()
	if kind == "message" {
		body["message_id"] = 10
	}
	raw, _ := json.Marshal(map[string]any{"update_id": 0, kind: body})
	return raw
}

// journey is a conversation with typed text, a command with payload, a contact, a location,
// a button press, a failing handler and a failing send.
func journey(api *fakeapi.Server) int {
	msg := func(m map[string]any) []byte { return update("message", m) }
	ups := [][]byte{
		msg(map[string]any{"text": "/start " + username, "entities": []any{map[string]any{"type": "bot_command", "offset": 0, "length": 6}}}),
		msg(map[string]any{"text": typed}),
		msg(map[string]any{"contact": map[string]any{"phone_number": phone, "first_name": first, "user_id": chatID}}),
		msg(map[string]any{"location": map[string]any{"latitude": 14.6551, "longitude": -16.2313}}),
		update("callback_query", map[string]any{"id": "q1", "chat_instance": "1", "data": "n:job",
			"message": map[string]any{"message_id": 1, "date": time.Now().Unix(), "text": "…",
				"chat": map[string]any{"id": chatID, "type": "private", "first_name": first}}}),
		msg(map[string]any{"text": "boom " + first}),
		msg(map[string]any{"text": "encore " + last}),
	}
	api.Fail("sendMessage", fakeapi.Fault{Code: 500})
	api.Fail("sendMessage", fakeapi.Fault{Code: 502, RawBody: "<html>bad gateway for " + first + "</html>"})
	api.Fail("answerCallbackQuery", fakeapi.Fault{Code: 400, Description: "Bad Request: query is too old and response timeout expired or query ID is invalid"})
	for _, u := range ups {
		api.Push(u)
	}
	// A malformed update (wrongly typed field) whose raw bytes carry personal data.
	api.PushRaw([]byte(`{"update_id":900,"message":{"message_id":"x","chat":{"id":"` + first + `"},"text":"` + phone + `"}}`))
	return len(ups)
}

func TestJourneyLeavesNoPersonalDataInLogs(t *testing.T) {
	tests := []struct {
		name   string
		logger func(w *lockedBuffer) *slog.Logger
	}{
		{"bot's own discipline (plain JSON handler)", func(w *lockedBuffer) *slog.Logger {
			return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}},
		{"production logger", func(w *lockedBuffer) *slog.Logger { return logging.New(w, "json", "debug", token) }},
		{"production text logger", func(w *lockedBuffer) *slog.Logger { return logging.New(w, "text", "debug", token) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := &lockedBuffer{}
			runJourney(t, tc.logger(logs))
			out := logs.String()
			if !strings.Contains(out, "component") {
				t.Fatalf("no log line carries a component (is anything logged?):\n%s", out)
			}
			for _, secret := range []string{token, first, last, username, phone, "771234567", "Itali", "7301234567", "14.6551"} {
				if strings.Contains(out, secret) {
					t.Errorf("log shows %q:\n%s", secret, out)
				}
			}
		})
	}
}

// runJourney drives the journey through a polling bot until every update is handled, then stops it.
func runJourney(t *testing.T, logger *slog.Logger) {
	t.Helper()
	api := fakeapi.New(token)
	defer api.Close()
	eng := &echoEngine{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := bot.New(ctx, bot.Config{
		Token: token, APIURL: api.URL(), Mode: "polling", Engine: eng, Logger: logger, Workers: 2,
		PollTimeout: time.Second, DrainTimeout: 2 * time.Second, ChatBurst: 100,
		ChatLabel: logging.ChatLabeler([]byte("privacy-test-key-0123")),
	})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	n := journey(api)
	deadline := time.Now().Add(15 * time.Second)
	for api.Pending() > 0 || eng.handled() < n-1 {
		if time.Now().After(deadline) {
			t.Fatalf("journey not handled: %d pending, %d handled", api.Pending(), eng.handled())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}
