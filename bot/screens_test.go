package bot

import (
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
)

// TestNewerPressAndTheEditStillWaiting: an edit held up by a 429 is called off by a second
// press on the same message; the second answer replaces it when it edits that message, and
// otherwise the held screen goes out first, or at the end of its turn when it gets no answer.
// Either way no screen is lost.
func TestNewerPressAndTheEditStillWaiting(t *testing.T) {
	tests := []struct {
		name      string
		second    string // the second press's data, on the same message
		screen    string // what that message shows in the end
		then      string // a message sent after it, "" for none
		heldSends int    // successful edits that showed the held screen
		silent    bool   // the engine answers the second press with nothing
	}{
		{"its answer edits the same message: the held screen is never shown", "reg:diourbel", "Que cherchez-vous ?", "", 0, false},
		{"its answer is a new message: the held screen goes first", "aud:retour", "Où habitez-vous ?", "Je n'ai pas compris.", 1, false},
		{"it gets no answer: the held screen goes out when its turn ends", "aud:retour", "Où habitez-vous ?", "", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newAPI(t)
			eng := newMenuEngine()
			eng.extra = func(r []flows.Reply) []flows.Reply { // one call per answer: no location keyboard
				for i := range r {
					r[i].AskLocation = false
				}
				if tt.silent && len(r) == 1 && r[0].Text == "Je n'ai pas compris." {
					return nil
				}
				return r
			}
			h := startBot(t, api, eng, "polling", nil)
			user := fakeapi.User{ID: 5300000041}
			api.Push(user.Text("/start"))
			screen := h.lastMessage(user.ID, 1)

			api.Fail("editMessageText", fakeapi.Fault{Code: 429, RetryAfter: 2})
			api.Push(user.Press("q1", screen.ID, "aud:jeune"))
			eventually(t, "the first edit's 429", func() bool { return len(api.Calls("editMessageText")) == 1 })
			api.Push(user.Press("q2", screen.ID, tt.second))
			eventually(t, "both presses handled", func() bool { return h.obs.handledCount() == 3 })
			eventually(t, "the pressed message showing "+tt.screen, func() bool { return api.Messages(user.ID)[0].Text == tt.screen })
			time.Sleep(300 * time.Millisecond) // nothing else comes after it

			msgs := api.Messages(user.ID)
			if msgs[0].Text != tt.screen {
				t.Errorf("the pressed message shows %q, want %q", msgs[0].Text, tt.screen)
			}
			if got := len(msgs) > 1; got != (tt.then != "") || (got && msgs[1].Text != tt.then) {
				t.Errorf("messages after it: %+v, want %q", msgs[1:], tt.then)
			}
			shown := 0
			for _, c := range api.Calls("editMessageText") {
				if c.Code == 200 && c.Params["text"] == "Où habitez-vous ?" {
					shown++
				}
			}
			if shown != tt.heldSends {
				t.Errorf("the held screen was shown %d times, want %d", shown, tt.heldSends)
			}
		})
	}
}
