package bot

import (
	"maps"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Bonjour Awa", "Bonjour Awa"},
		{"all four", `a<b>&"c"`, "a&lt;b&gt;&amp;&quot;c&quot;"},
		{"no double escape of text", "&amp;", "&amp;amp;"},
		{"apostrophe kept", "l'emploi", "l'emploi"},
		{"wolof letters", "Ñaata la? Jàngalekat ëpp", "Ñaata la? Jàngalekat ëpp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeHTML(tt.in); got != tt.want {
				t.Errorf("escapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitText(t *testing.T) {
	line := strings.Repeat("x", 30)
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"fits", "a\nb", 10, []string{"a\nb"}},
		{"blank", " \n ", 10, nil},
		{"at line break", line + "\n" + line, 40, []string{line, line}},
		{"at space when no line break", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"hard cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"emoji counts two", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"blank lines between parts dropped", "aaa\n\n\n\nbbb", 5, []string{"aaa", "bbb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitText = %q, want %q", got, tt.want)
			}
			for _, p := range got {
				if utf16Len(p) > tt.limit {
					t.Errorf("part %q over the limit", p)
				}
			}
		})
	}
}

func TestRender(t *testing.T) {
	long := strings.Repeat("ligne de texte assez longue\n", 300) // ~8400 characters
	tests := []struct {
		name     string
		reply    flows.Reply
		removeKB bool
		methods  []string
		markups  []string // substring expected in each call's reply_markup ("" = none)
		dropped  int
		removed  bool
	}{
		{name: "text only", reply: flows.Reply{Text: "Salut"}, methods: []string{"sendMessage"}, markups: []string{""}},
		{name: "choices", reply: flows.Reply{Text: "Vous êtes ?", Choices: audienceChoices()},
			methods: []string{"sendMessage"}, markups: []string{`"callback_data":"aud:retour"`}},
		{name: "long id and empty label dropped", reply: flows.Reply{Text: "?", Choices: [][]flows.Choice{{
			{ID: strings.Repeat("x", 65), Label: "Trop long"}, {ID: "ok", Label: " "}, {ID: "", Label: "Vide"}, {ID: "fine", Label: "Bien"}}}},
			methods: []string{"sendMessage"}, markups: []string{`"callback_data":"fine"`}, dropped: 3},
		{name: "ask location alone", reply: flows.Reply{Text: "Où ?", AskLocation: true, LocationLabel: "Ma position"},
			methods: []string{"sendMessage"}, markups: []string{`"request_location":true`}},
		{name: "ask location with choices", reply: flows.Reply{Text: "Où ?", AskLocation: true, Choices: audienceChoices()},
			methods: []string{"sendMessage", "sendMessage"}, markups: []string{`"text":"📍","request_location":true`, "inline_keyboard"}},
		{name: "ask location without text", reply: flows.Reply{AskLocation: true, LocationLabel: "Ma position"},
			methods: []string{"sendMessage"}, markups: []string{`"request_location":true`}},
		{name: "nothing to show", reply: flows.Reply{Text: " \n "}, methods: []string{}, markups: []string{}},
		{name: "phone number asked beside inline buttons", reply: flows.Reply{Text: "Envoyé", Choices: audienceChoices(),
			AskPhone: true, PhoneLabel: "📞 Partager mon numéro"},
			methods: []string{"sendMessage", "sendMessage"}, markups: []string{`"request_contact":true`, "inline_keyboard"}},
		{name: "keyboard removed by plain text", reply: flows.Reply{Text: "Merci"}, removeKB: true,
			methods: []string{"sendMessage"}, markups: []string{`"remove_keyboard":true`}, removed: true},
		{name: "keyboard kept under inline buttons", reply: flows.Reply{Text: "Merci", Choices: audienceChoices()}, removeKB: true,
			methods: []string{"sendMessage"}, markups: []string{"inline_keyboard"}},
		{name: "place and contact", reply: flows.Reply{Text: "Offre", Place: &flows.Place{Name: "Bureau", Lat: 14.6, Lon: -16.2},
			Contact: &flows.Contact{Name: "Accueil", Phone: "+221330000000"}},
			methods: []string{"sendMessage", "sendVenue", "sendContact"}, markups: []string{"", "", ""}},
		{name: "long text split, buttons on the last part", reply: flows.Reply{Text: long, Choices: audienceChoices()},
			methods: []string{"sendMessage", "sendMessage", "sendMessage"}, markups: []string{"", "", "inline_keyboard"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(5300000001, tt.reply, tt.removeKB)
			if len(out.calls) != len(tt.methods) {
				t.Fatalf("%d calls, want %v", len(out.calls), tt.methods)
			}
			for i, c := range out.calls {
				if c.method != tt.methods[i] || c.params["chat_id"] != "5300000001" {
					t.Errorf("call %d: %s to %s", i, c.method, c.params["chat_id"])
				}
				if m := c.params["reply_markup"]; (tt.markups[i] == "") != (m == "") || !strings.Contains(m, tt.markups[i]) {
					t.Errorf("call %d markup %s, want %q", i, m, tt.markups[i])
				}
				if c.method == "sendMessage" && (c.params["parse_mode"] != "HTML" || utf16Len(c.params["text"]) > maxTextLen) {
					t.Errorf("call %d: parse_mode %q, %d units", i, c.params["parse_mode"], utf16Len(c.params["text"]))
				}
			}
			if out.dropped != tt.dropped || out.removed != tt.removed {
				t.Errorf("dropped %d removed %v, want %d %v", out.dropped, out.removed, tt.dropped, tt.removed)
			}
		})
	}
}

func TestAsEditKeepsMarkupAndTargetsMessage(t *testing.T) {
	out := render(42, flows.Reply{Text: "Q", Choices: audienceChoices()}, false)
	orig := maps.Clone(out.calls[0].params)
	e := asEdit(out.calls[0], 77)
	if e.method != "editMessageText" || e.params["message_id"] != "77" || e.params["chat_id"] != "42" || !strings.Contains(e.params["reply_markup"], "inline_keyboard") {
		t.Errorf("edit = %s %v", e.method, e.params)
	}
	if s := withoutEdit(e); s.method != "sendMessage" || !maps.Equal(s.params, orig) {
		t.Errorf("back to a send = %s %v, want sendMessage %v", s.method, s.params, orig)
	}
}

func BenchmarkEncodeReply(b *testing.B) {
	r := flows.Reply{
		Text:    strings.Repeat("Formation professionnelle <CFP> & stage à Diourbel. ", 20),
		Choices: [][]flows.Choice{{{ID: "offer:3fpt-formation", Label: "3FPT"}, {ID: "offer:onfp", Label: "ONFP"}}, {{ID: "back", Label: "Retour"}}},
		Place:   &flows.Place{Name: "Bureau", Address: "Diourbel", Lat: 14.65, Lon: -16.23},
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = render(5300000001, r, false)
	}
}
