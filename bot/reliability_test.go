package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
)

func TestDeepLinkSetsWolofCommandsForTheChat(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	h := startBot(t, api, eng, "polling", nil)
	user := fakeapi.User{ID: 5300000003, Lang: "fr"}
	api.Push(user.Text("/start r-diourbel_l-wo"))
	if m := h.lastMessage(user.ID, 1); m.Text != "Dalal ak jàmm! Yaa ngi?" {
		t.Fatalf("greeting = %q", m.Text)
	}
	in := eng.chatInputs("tg:5300000003")
	if len(in) != 1 || in[0].Command != "start" || in[0].Args != "r-diourbel_l-wo" {
		t.Fatalf("engine saw %+v", in)
	}
	eventually(t, "chat-scoped Wolof commands", func() bool {
		for _, c := range api.Calls("setMyCommands") {
			if strings.Contains(c.Params["scope"], `"chat_id":5300000003`) && strings.Contains(c.Params["commands"], "Tàmbalee") {
				return true
			}
		}
		return false
	})
}

func TestPerChatOrderUnderConcurrency(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	eng.delay = time.Millisecond
	h := startBot(t, api, eng, "polling", func(c *Config) { c.Workers = 3 })
	checkPerChatOrder(t, h, eng, 6000, 12, 8)
}

// checkPerChatOrder pushes perChat texts to each of chats chats (ids from base), interleaved,
// and fails when a chat's inputs reach the engine out of order or two at once.
func checkPerChatOrder(t *testing.T, h *harness, eng *menuEngine, base int64, chats, perChat int) {
	t.Helper()
	for i := range perChat {
		for c := range chats {
			h.api.Push(fakeapi.User{ID: base + int64(c)}.Text(fmt.Sprintf("m%d", i)))
		}
	}
	for c := range chats {
		id := base + int64(c)
		h.lastMessage(id, perChat)
		for i, x := range eng.chatInputs(fmt.Sprintf("tg:%d", id)) {
			if x.Text != fmt.Sprintf("m%d", i) {
				t.Fatalf("chat %d input %d = %q: out of order", id, i, x.Text)
			}
		}
	}
	if n := eng.overlapCount(); n != 0 {
		t.Errorf("%d times one chat was handled twice at once", n)
	}
}

func TestCrashBetweenFetchAndHandlingLosesNothing(t *testing.T) {
	api := newAPI(t)
	stuck := newMenuEngine()
	stuck.block = make(chan struct{}) // never released: the first process dies mid-update
	h1 := startBot(t, api, stuck, "polling", func(c *Config) { c.DrainTimeout = 100 * time.Millisecond })
	user := fakeapi.User{ID: 5300000004}
	api.Push(user.Text("/start"))
	eventually(t, "update fetched", func() bool { return len(api.Calls("getUpdates")) >= 2 })
	if api.Pending() != 1 {
		t.Fatalf("Telegram holds %d updates while the first is in flight, want 1", api.Pending())
	}
	h1.close()
	if api.Pending() != 1 {
		t.Fatalf("an update cancelled by shutdown was confirmed: %d pending", api.Pending())
	}
	eng := newMenuEngine()
	h2 := startBot(t, api, eng, "polling", nil)
	if m := h2.lastMessage(user.ID, 1); m.Text != "Bienvenue ! Vous êtes ?" {
		t.Errorf("after restart: %q", m.Text)
	}
	h2.close()
	if api.Pending() != 0 {
		t.Errorf("%d updates left after the restarted bot handled them", api.Pending())
	}
}

func TestRetryAfterAndServerErrorsRecovered(t *testing.T) {
	tests := []struct {
		name    string
		fault   fakeapi.Fault
		retries int // RetryAfter reports
	}{
		{"429 with retry_after", fakeapi.Fault{Code: 429, RetryAfter: 1}, 1},
		{"500 twice", fakeapi.Fault{Code: 500, Times: 2}, 0},
		{"502 non-JSON proxy page", fakeapi.Fault{Code: 502, RawBody: "<html>Bad Gateway</html>"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newAPI(t)
			h := startBot(t, api, newMenuEngine(), "polling", nil)
			api.Fail("sendMessage", tt.fault)
			user := fakeapi.User{ID: 5300000005}
			api.Push(user.Text("/start"))
			if m := h.lastMessage(user.ID, 1); m.Text != "Bienvenue ! Vous êtes ?" {
				t.Fatalf("got %q", m.Text)
			}
			eventually(t, "update handled", func() bool { return h.obs.handledCount() == 1 })
			h.obs.mu.Lock()
			defer h.obs.mu.Unlock()
			if len(h.obs.retries) != tt.retries {
				t.Errorf("RetryAfter reported %d times, want %d", len(h.obs.retries), tt.retries)
			}
			if h.obs.replies != 1 {
				t.Errorf("replies = %d, want 1", h.obs.replies)
			}
		})
	}
}

func TestRetryAfterForOneChatDoesNotStallAnother(t *testing.T) {
	api := newAPI(t)
	h := startBot(t, api, newMenuEngine(), "polling", func(c *Config) { c.Workers = 1 })
	api.Fail("sendMessage", fakeapi.Fault{Code: 429, RetryAfter: 2})
	slow, fast := fakeapi.User{ID: 7001}, fakeapi.User{ID: 7002}
	api.Push(slow.Text("/start"))
	eventually(t, "the 429", func() bool { return len(api.Calls("sendMessage")) == 1 })
	api.Push(fast.Text("/start"))
	h.lastMessage(fast.ID, 1)
	if len(api.Messages(slow.ID)) != 0 {
		t.Fatal("the rate-limited chat was answered before its retry_after passed")
	}
	h.lastMessage(slow.ID, 1) // and it is still answered after the wait
}

func TestBlockedUser(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	eng.extra = func(r []flows.Reply) []flows.Reply {
		return append(r, flows.Reply{Text: "deux"}, flows.Reply{Text: "trois"})
	}
	h := startBot(t, api, eng, "polling", nil)
	user := fakeapi.User{ID: 5300000006}
	api.Block(user.ID, true)
	api.Push(user.Member(true))
	api.Push(user.Text("/start"))
	eventually(t, "a 403", func() bool { return len(api.Calls("sendMessage")) > 0 })
	eventually(t, "both updates handled", func() bool { return h.obs.handledCount() == 2 })
	if n := len(api.Calls("sendMessage")); n != 1 {
		t.Errorf("%d sends to a chat that blocked the bot, want 1 (then stop)", n)
	}
	api.Block(user.ID, false)
	api.Push(user.Member(false))
	api.Push(user.Text("/start"))
	h.lastMessage(user.ID, 3)
}

// startOneScreen starts a bot whose engine answers everything with the same inline
// question, so every press edits it, and returns the first question shown to user.
func startOneScreen(t *testing.T, api *fakeapi.Server, user fakeapi.User) (*harness, fakeapi.Sent) {
	t.Helper()
	eng := newMenuEngine()
	eng.extra = func([]flows.Reply) []flows.Reply {
		return []flows.Reply{{Text: "Même menu", Choices: audienceChoices()}}
	}
	h := startBot(t, api, eng, "polling", nil)
	api.Push(user.Text("/start"))
	return h, h.lastMessage(user.ID, 1)
}

func TestEditNotModifiedIsSuccess(t *testing.T) {
	api := newAPI(t)
	user := fakeapi.User{ID: 5300000007}
	h, m := startOneScreen(t, api, user)
	api.Push(user.Press("a", m.ID, "aud:jeune"))
	api.Push(user.Press("b", m.ID, "aud:jeune"))
	eventually(t, "two edits", func() bool { return len(api.Calls("editMessageText")) == 2 })
	eventually(t, "all three handled", func() bool { return h.obs.handledCount() == 3 })
	if n := len(api.Calls("sendMessage")); n != 1 {
		t.Errorf("sendMessage %d times; a not-modified edit must not fall back to a new message", n)
	}
	if strings.Contains(h.logs.String(), "reply not delivered") {
		t.Errorf("not-modified logged as a failure:\n%s", h.logs.String())
	}
}

// A message Telegram will no longer edit gets the question as a new message: a plain send,
// keyboard included, without the edit's message_id.
func TestEditRefusedFallsBackToNewMessage(t *testing.T) {
	api := newAPI(t)
	user := fakeapi.User{ID: 5300000010}
	_, m := startOneScreen(t, api, user)
	api.Fail("editMessageText", fakeapi.Fault{Code: 400, Description: "Bad Request: message can't be edited"})
	api.Push(user.Press("a", m.ID, "aud:jeune"))
	eventually(t, "a second message", func() bool { return len(api.Calls("sendMessage")) == 2 })
	sent := api.Calls("sendMessage")[1]
	if _, ok := sent.Params["message_id"]; ok || !strings.Contains(sent.Params["reply_markup"], "inline_keyboard") {
		t.Errorf("fallback send %v: want no message_id and the keyboard", sent.Params)
	}
}

func TestMalformedUpdateDoesNotBlockTheBatch(t *testing.T) {
	api := newAPI(t)
	user := fakeapi.User{ID: 5300000008}
	// A fractional chat id: encoding/json's own error would quote it.
	api.PushRaw([]byte(`{"update_id":2000,"message":{"message_id":7,"date":1764390000,"chat":{"id":5300000008.5,"type":"private"},"text":"mon secret"}}`))
	api.Push(user.Text("/start"))
	h := startBot(t, api, newMenuEngine(), "polling", nil)
	h.lastMessage(user.ID, 1)
	eventually(t, "offset past both", func() bool { return h.obs.count(kindMalformed) == 1 })
	h.close()
	if api.Pending() != 0 {
		t.Errorf("%d updates still pending", api.Pending())
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "update=2000") || strings.Contains(logs, "5300000008") || strings.Contains(logs, "secret") {
		t.Errorf("the skipped update must be logged by id only, without its chat id or text:\n%s", logs)
	}
}

func TestEngineFailureSendsUnavailableOncePerMinute(t *testing.T) {
	api := newAPI(t)
	eng := newMenuEngine()
	eng.setFail(errors.New("redis: connection refused"))
	var mu sync.Mutex
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	h := startBot(t, api, eng, "polling", func(c *Config) { c.Now = clock })
	user := fakeapi.User{ID: 5300000009}
	for range 3 {
		api.Push(user.Text("bonjour"))
	}
	eventually(t, "three handled", func() bool { return h.obs.handledCount() == 3 })
	if n := len(api.Messages(user.ID)); n != 1 {
		t.Fatalf("%d unavailable messages within a minute, want 1", n)
	}
	mu.Lock()
	now = now.Add(61 * time.Second)
	mu.Unlock()
	api.Push(user.Text("bonjour"))
	h.lastMessage(user.ID, 2)
	if logs := h.logs.String(); !strings.Contains(logs, "engine failed") || !strings.Contains(logs, "chat=label") || strings.Contains(logs, "5300000009") || strings.Contains(logs, "bonjour") {
		t.Errorf("engine failure log must carry the label, not the chat id or text:\n%s", logs)
	}
}

func TestPollConflictIsReported(t *testing.T) {
	api := newAPI(t)
	if _, err := fakeapi.PostUpdate(context.Background(), api.URL()+"/bot"+testToken+"/setWebhook?url=https://example.org/hook", "", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	h := startBot(t, api, newMenuEngine(), "polling", nil)
	eventually(t, "409 logged", func() bool { return strings.Contains(h.logs.String(), "getUpdates conflict (409)") })
	if h.bot.Ready() {
		t.Error("Ready while every poll is refused")
	}
}

func TestAllowedUpdatesSentOnFirstPollAndAfterAFailure(t *testing.T) {
	api := newAPI(t)
	api.Fail("getUpdates", fakeapi.Fault{Code: 409}) // the first poll is refused
	h := startBot(t, api, newMenuEngine(), "polling", nil)
	user := fakeapi.User{ID: 5300000012}
	for i, text := range []string{"/start", "un"} {
		api.Push(user.Text(text))
		eventually(t, "update handled", func() bool { return h.obs.handledCount() == i+1 })
	}
	h.close()
	calls := api.Calls("getUpdates")
	if len(calls) < 3 || calls[0].Code != 409 {
		t.Fatalf("want a refused first poll and two more, got %d polls", len(calls))
	}
	for i, c := range calls {
		want := i <= 1 // the first poll, and the one after a failure (the setting may have changed)
		if has := c.Params["allowed_updates"] != ""; has != want {
			t.Errorf("poll %d of %d: allowed_updates sent = %v, want %v", i, len(calls), has, want)
		}
	}
}
