package bot

import (
	"encoding/json"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
		{name: "all buttons left out: no keyboard", reply: flows.Reply{Text: "?", Choices: [][]flows.Choice{{{ID: "", Label: "x"}}}},
			methods: []string{"sendMessage"}, markups: []string{""}, dropped: 1},
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
				s := shownBy(t, c.c)
				if s.method != tt.methods[i] || s.chat != 5300000001 {
					t.Errorf("call %d: %s to %d", i, s.method, s.chat)
				}
				if (tt.markups[i] == "") != (s.markup == "") || !strings.Contains(s.markup, tt.markups[i]) {
					t.Errorf("call %d markup %s, want %q", i, s.markup, tt.markups[i])
				}
				if s.method == "sendMessage" && (s.parseMode != "HTML" || utf16Len(s.text) > maxTextLen) {
					t.Errorf("call %d: parse_mode %q, %d units", i, s.parseMode, utf16Len(s.text))
				}
				if c.inline != strings.Contains(s.markup, "inline_keyboard") {
					t.Errorf("call %d: inline = %v with markup %s", i, c.inline, s.markup)
				}
			}
			if out.dropped != tt.dropped || out.removed != tt.removed {
				t.Errorf("dropped %d removed %v, want %d %v", out.dropped, out.removed, tt.dropped, tt.removed)
			}
		})
	}
}

func TestAsEditKeepsMarkupAndTargetsMessage(t *testing.T) {
	out := render(42, flows.Reply{Text: "Q <b>", Choices: audienceChoices()}, false)
	before := shownBy(t, out.calls[0].c)
	e := asEdit(out.calls[0], 77)
	got := shownBy(t, e)
	if got.method != "editMessageText" || e.MessageID != 77 || got.chat != 42 || got.text != before.text ||
		got.parseMode != "HTML" || !e.DisableWebPagePreview || got.markup != before.markup {
		t.Errorf("edit = %+v (message %d), want the message %+v in place of 77", got, e.MessageID, before)
	}
	if after := shownBy(t, out.calls[0].c); after != before {
		t.Errorf("the send changed to %+v: the fallback would not be a plain send", after)
	}
}

// shown is what one call shows, read from the library's config.
type shown struct {
	method, text, markup, parseMode string
	chat                            int64
}

// shownBy reads a call's method, chat, text, parse mode and reply markup (as JSON).
func shownBy(t *testing.T, c tgbotapi.Chattable) shown {
	t.Helper()
	s := shown{method: methodOf(c)}
	var markup any
	switch m := c.(type) {
	case tgbotapi.MessageConfig:
		s.chat, s.text, s.parseMode, markup = m.ChatID, m.Text, m.ParseMode, m.ReplyMarkup
	case tgbotapi.EditMessageTextConfig:
		s.chat, s.text, s.parseMode, markup = m.ChatID, m.Text, m.ParseMode, m.ReplyMarkup
	case tgbotapi.VenueConfig:
		s.chat = m.ChatID
	case tgbotapi.ContactConfig:
		s.chat = m.ChatID
	default:
		t.Fatalf("unexpected call %T", c)
	}
	if markup != nil {
		raw, err := json.Marshal(markup)
		if err != nil {
			t.Fatal(err)
		}
		s.markup = string(raw)
	}
	return s
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
