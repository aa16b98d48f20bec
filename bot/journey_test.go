package bot

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

// journey drives a user through the menu by buttons only; push hands an update to the bot.
// Layout: a press on the chat's newest message edits it; a location question comes after
// its reply-keyboard message, so it stays newest; results come as new messages.
func journey(t *testing.T, h *harness, user fakeapi.User, push func([]byte)) {
	t.Helper()
	push(user.Text("/start"))
	menu := h.lastMessage(user.ID, 1)
	if menu.Text != "Bienvenue ! Vous êtes ?" || len(menu.Keyboard()) != 2 {
		t.Fatalf("greeting = %q with %v", menu.Text, menu.Keyboard())
	}
	push(user.Press("q1", menu.ID, menu.Keyboard()[0][0].Data))
	place := h.lastMessage(user.ID, 3)
	askLoc := h.api.Messages(user.ID)[1]
	if !strings.Contains(askLoc.Markup, `"request_location":true`) || askLoc.Text != "📍 Ma position" {
		t.Fatalf("share-location message = %q %s", askLoc.Text, askLoc.Markup)
	}
	if place.Text != "Où habitez-vous ?" || place.Keyboard()[0][0].Data != "reg:diourbel" {
		t.Fatalf("place question = %q %v", place.Text, place.Keyboard())
	}
	push(user.Press("q2", place.ID, "reg:diourbel"))
	eventually(t, "the place question edited", func() bool { return h.api.Messages(user.ID)[2].Versions == 2 })
	need := h.api.Messages(user.ID)[2]
	if need.Text != "Que cherchez-vous ?" {
		t.Fatalf("need question = %q", need.Text)
	}
	push(user.Press("q3", need.ID, "need:emploi"))
	last := h.lastMessage(user.ID, 7)
	msgs := h.api.Messages(user.ID)
	result := msgs[3]
	if result.Text != "Offre &lt;emploi&gt; &amp; co" || !strings.Contains(result.Markup, `"remove_keyboard":true`) {
		t.Errorf("result = %q markup %s; want escaped text that removes the location keyboard", result.Text, result.Markup)
	}
	if msgs[4].Method != "sendVenue" || msgs[5].Method != "sendContact" || msgs[5].Params["phone_number"] != "+221330000000" {
		t.Errorf("after the result: %s, %s; want sendVenue then sendContact", msgs[4].Method, msgs[5].Method)
	}
	if last.Text != "Autre chose ?" || last.Keyboard()[0][0].Data != "restart" {
		t.Errorf("last = %q %v", last.Text, last.Keyboard())
	}
	checkAnsweredFirst(t, h.api, []string{"q1", "q2", "q3"})
}

// checkAnsweredFirst checks each press was answered once, before any reply that followed.
func checkAnsweredFirst(t *testing.T, api *fakeapi.Server, queries []string) {
	t.Helper()
	calls := api.Calls("")
	for _, q := range queries {
		if n := api.Answered(q); n != 1 {
			t.Errorf("query %s answered %d times, want 1", q, n)
		}
	}
	answered := 0
	for _, c := range calls {
		switch c.Method {
		case "answerCallbackQuery":
			answered++
		case "editMessageText":
			if answered == 0 {
				t.Errorf("an edit came before any answerCallbackQuery")
			}
			answered--
		}
	}
}

func TestJourneyByButtonsPolling(t *testing.T) {
	api := newAPI(t)
	h := startBot(t, api, newMenuEngine(), "polling", nil)
	h.waitReady()
	if err := h.bot.Ping(context.Background()); err != nil || h.bot.Username() != "SamaYoonTestBot" {
		t.Fatalf("Ping = %v, Username = %q", err, h.bot.Username())
	}
	journey(t, h, fakeapi.User{ID: 5300000001, Lang: "fr"}, func(raw []byte) { api.Push(raw) })
	h.close()
	if n := api.Pending(); n != 0 {
		t.Errorf("%d updates left unconfirmed after a clean shutdown", n)
	}
	if got := api.Calls("setMyCommands"); len(got) == 0 || !strings.Contains(got[0].Params["commands"], "Commencer") {
		t.Errorf("default French commands not set: %v", got)
	}
}

func TestJourneyByButtonsWebhook(t *testing.T) {
	api := newAPI(t)
	h := startBot(t, api, newMenuEngine(), "webhook", nil)
	h.waitReady()
	wh := api.Webhook()
	if wh["secret_token"] != "s3cr3t_Token-1" || wh["max_connections"] != "40" || !strings.Contains(wh["allowed_updates"], "my_chat_member") {
		t.Fatalf("setWebhook params = %v", wh)
	}
	journey(t, h, fakeapi.User{ID: 5300000002, Lang: "fr"}, func(raw []byte) {
		code, err := api.Deliver(context.Background(), raw)
		if err != nil || code != http.StatusOK {
			t.Fatalf("webhook delivery: %d %v", code, err)
		}
	})
}
