package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
)

func TestPostStaff(t *testing.T) {
	const group = int64(-1001234567890)
	replies := []flows.Reply{
		{Text: "Merci, c'est noté.", Lang: "wo", Choices: [][]flows.Choice{{{ID: "back", Label: "⬅️"}}}},
		{Text: "⚠️ Signalement anonyme\nOffre : x", Lang: "fr", ToStaff: true,
			Choices: [][]flows.Choice{{{ID: "back", Label: "⬅️"}}}},
	}
	cases := []struct {
		name      string
		staffChat int64
		wantNotes int
	}{
		{"staff group configured", group, 1},
		{"no staff group: notes dropped", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newAPI(t)
			h := startBot(t, api, newMenuEngine(), "polling", func(c *Config) { c.StaffChatID = tc.staffChat })
			h.waitReady()
			user := h.bot.postStaff(context.Background(), "tg:1", replies, 0, msgRef{})
			if len(user) != 1 || user[0].ToStaff || user[0].Text != replies[0].Text {
				t.Fatalf("user replies %+v, want only the first", user)
			}
			msgs := api.Messages(group)
			if len(msgs) != tc.wantNotes {
				t.Fatalf("%d messages in the staff group, want %d", len(msgs), tc.wantNotes)
			}
			if tc.wantNotes > 0 && (!strings.Contains(msgs[0].Text, "Signalement anonyme") || msgs[0].Markup != "") {
				t.Errorf("staff note %+v: want the text without buttons", msgs[0])
			}
		})
	}
}

func TestProblemReportReachesTheStaffGroup(t *testing.T) {
	const group = int64(-1001234567890)
	eng := realEngine(t, true)
	api := newAPI(t)
	h := startBot(t, api, nil, "polling", func(c *Config) { c.Engine, c.StaffChatID = eng, group })
	h.waitReady()
	d := &chatDriver{t: t, h: h, user: fakeapi.User{ID: 5300000200, Lang: "fr"}}
	d.push = func(raw []byte) { api.Push(raw) }
	d.send(d.user.Text("/start l-fr_p-retour_r-dakar_n-emploi"))
	d.press("^ℹ️ 1$")
	d.press("^⚠️")
	d.press("^📵")
	notes := api.Messages(group)
	if len(notes) != 1 || !strings.Contains(notes[0].Text, "Signalement anonyme") {
		t.Fatalf("staff group got %+v, want one anonymous report", notes)
	}
	if strings.Contains(notes[0].Text, "5300000200") {
		t.Errorf("the staff note carries the user's chat id: %q", notes[0].Text)
	}
	for _, m := range api.Messages(d.user.ID) {
		if strings.Contains(m.Text, "Signalement anonyme") {
			t.Errorf("the user received the staff note: %q", m.Text)
		}
	}
}
