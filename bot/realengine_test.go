package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/flowstest"
	"github.com/samayoon/samayoon/locales"
)

// realEngine builds the conversation engine over the embedded catalog; staff turns on staff notes.
func realEngine(t *testing.T, staff bool) *flows.Engine {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatalf("locales: %v", err)
	}
	e, err := flows.New(flows.Config{Store: flowstest.NewMemStore(), Catalog: func() flows.Catalog { return cat },
		Bundle: bundle, Staff: staff})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// chatDriver presses buttons in one chat and waits until each update is handled.
type chatDriver struct {
	t      *testing.T
	h      *harness
	user   fakeapi.User
	pushed int
	push   func([]byte)
}

// send hands an update to the bot and waits until it and all before it are handled.
func (d *chatDriver) send(raw []byte) {
	d.t.Helper()
	d.push(raw)
	d.pushed++
	eventually(d.t, fmt.Sprintf("update %d handled", d.pushed), func() bool {
		d.h.obs.mu.Lock()
		defer d.h.obs.mu.Unlock()
		return d.h.obs.handled >= d.pushed
	})
}

// press finds a button matching label on the newest message with buttons and presses it.
func (d *chatDriver) press(label string) {
	d.t.Helper()
	if !d.pressIf(label) {
		d.t.Fatalf("no button /%s/ on the newest keyboard", label)
	}
}

// pressIf presses the button when the newest keyboard has it.
func (d *chatDriver) pressIf(label string) bool {
	d.t.Helper()
	re := regexp.MustCompile(label)
	msgs := d.h.api.Messages(d.user.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		kb := msgs[i].Keyboard()
		if kb == nil {
			continue
		}
		for _, row := range kb {
			for _, b := range row {
				if re.MatchString(b.Text) {
					d.send(d.user.Press(fmt.Sprintf("q%d", d.pushed), msgs[i].ID, b.Data))
					return true
				}
			}
		}
		return false
	}
	return false
}

func TestRealEngineJourney(t *testing.T) {
	tests := []struct {
		name   string
		mode   string
		lang   string // button of the language question
		wo     bool
		locate bool // press the share-location button before the region
	}{
		{"polling in French", "polling", "Français", false, true},
		{"webhook in Wolof", "webhook", "Wolof", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newAPI(t)
			h := startBot(t, api, nil, tt.mode, func(c *Config) { c.Engine = realEngine(t, false) })
			h.waitReady()
			d := &chatDriver{t: t, h: h, user: fakeapi.User{ID: 5300000100, Lang: "fr"}}
			d.push = func(raw []byte) { api.Push(raw) }
			if tt.mode == "webhook" {
				d.push = func(raw []byte) { _, _ = api.Deliver(context.Background(), raw) }
			}
			d.send(d.user.Text("/start"))
			d.press(tt.lang)
			d.press("^🧳")
			if hasLocationKeyboard(api.Messages(d.user.ID)) {
				t.Error("the share-location keyboard was sent before it was asked for")
			}
			if tt.locate {
				d.press("^📍") // the region question stays answerable above the keyboard
				if !hasLocationKeyboard(api.Messages(d.user.ID)) {
					t.Error("the location button did not send the share-location keyboard")
				}
			}
			d.press("^Diourbel$")
			d.pressIf("^Mbacké$") // asked only where the catalog has offers by department
			d.press("^💼")
			checkRealJourney(t, h, d.user.ID, tt.wo)
		})
	}
}

// hasLocationKeyboard reports whether a message offers the share-location button.
func hasLocationKeyboard(msgs []fakeapi.Sent) bool {
	for _, m := range msgs {
		if strings.Contains(m.Markup, `"request_location":true`) {
			return true
		}
	}
	return false
}

// checkRealJourney checks the end of a journey: results shown, nothing failed, and the
// chat's command menu in Wolof when Wolof was chosen.
func checkRealJourney(t *testing.T, h *harness, chat int64, wo bool) {
	t.Helper()
	msgs := h.api.Messages(chat)
	last := msgs[len(msgs)-1]
	if len(last.Keyboard()) == 0 {
		t.Errorf("the results end without buttons: %q", last.Text)
	}
	for _, m := range msgs {
		if strings.Contains(m.Text, "<") && !strings.Contains(m.Text, "&lt;") || strings.Contains(m.Text, "&#") {
			t.Errorf("text not escaped for HTML: %q", m.Text)
		}
	}
	if logs := h.logs.String(); strings.Contains(logs, "level=ERROR") || strings.Contains(logs, "not delivered") {
		t.Errorf("errors during the journey:\n%s", logs)
	}
	if scoped := len(menuCalls(h.api, "setMyCommands", chat)) > 0; scoped != wo {
		t.Errorf("chat-scoped commands set = %v, want %v", scoped, wo)
	}
	if n := len(menuCalls(h.api, "deleteMyCommands", chat)); n != 0 {
		t.Errorf("%d deleteMyCommands for a chat that never had a menu of its own", n)
	}
}

// menuCalls lists the calls of method scoped to chat.
func menuCalls(api *fakeapi.Server, method string, chat int64) []fakeapi.Call {
	var out []fakeapi.Call
	for _, c := range api.Calls(method) {
		if strings.Contains(c.Params["scope"], fmt.Sprintf(`"chat_id":%d`, chat)) {
			out = append(out, c)
		}
	}
	return out
}

// TestRealEngineCommandMenu: a chat's own menu is set when it chooses Wolof, deleted when
// it then chooses French (even after /start) or is forgotten, and never touched otherwise.
func TestRealEngineCommandMenu(t *testing.T) {
	api := newAPI(t)
	h := startBot(t, api, nil, "polling", func(c *Config) { c.Engine = realEngine(t, false) })
	h.waitReady()
	d := &chatDriver{t: t, h: h, user: fakeapi.User{ID: 5300000101, Lang: "fr"}}
	d.push = func(raw []byte) { api.Push(raw) }
	steps := []struct {
		name, command, press string
		sets, deletes        int // chat-scoped menu calls so far
	}{
		{"Wolof chosen", "/start", "^Wolof$", 1, 0},
		{"Wolof chosen again", "/start", "^Wolof$", 1, 0},
		{"French after /start", "/start", "^Français$", 1, 1},
		{"Wolof again", "/langue", "^Wolof$", 2, 1},
		{"forgotten", "/oublier", "^✅", 2, 2},
		{"French in a new session", "/start", "^Français$", 2, 2},
	}
	for _, st := range steps {
		d.send(d.user.Text(st.command))
		d.press(st.press)
		sets, dels := len(menuCalls(api, "setMyCommands", d.user.ID)), len(menuCalls(api, "deleteMyCommands", d.user.ID))
		if sets != st.sets || dels != st.deletes {
			t.Fatalf("%s: %d set, %d deleted; want %d, %d", st.name, sets, dels, st.sets, st.deletes)
		}
	}
}
