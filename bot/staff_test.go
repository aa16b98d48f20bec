package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

func TestToStaff(t *testing.T) {
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
			h := startBot(t, api, newMenuEngine(), "polling", nil)
			h.waitReady()
			user := h.bot.toStaff(context.Background(), tc.staffChat, replies)
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
