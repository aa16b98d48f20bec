package bot

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

func TestEncodeJSONDecodesToTheParams(t *testing.T) {
	p := tgbotapi.Params{
		"chat_id": "-100123", "text": "Élan & <b>\"x\"</b> 100% ok?\nligne\t\\ \x01 \u2028 🙂",
		"reply_markup": `{"inline_keyboard":[[{"text":"A","callback_data":"a:b"}]]}`,
		"scope":        `{"type":"chat","chat_id":5}`, "allowed_updates": `["message"]`,
		"": "empty key", "bad": "x\xffy", "commands": "not json",
	}
	var got map[string]any
	if err := json.Unmarshal(encodeJSON(p), &got); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, encodeJSON(p))
	}
	want := map[string]any{
		"chat_id": "-100123", "text": p["text"], "": "empty key", "bad": "x\uFFFDy", "commands": "not json",
		"reply_markup":    map[string]any{"inline_keyboard": []any{[]any{map[string]any{"text": "A", "callback_data": "a:b"}}}},
		"scope":           map[string]any{"type": "chat", "chat_id": 5.0},
		"allowed_updates": []any{"message"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded body\n%#v\nwant\n%#v", got, want)
	}
	if strings.Contains(string(encodeJSON(p)), `\u00c9`) {
		t.Error("UTF-8 escaped: the body should carry it as it is")
	}
}

// TestInlineKeyboardMatchesLibraryJSON: the hand-written keyboard decodes to what
// marshalling tgbotapi's structs gave, with the same buttons left out.
func TestInlineKeyboardMatchesLibraryJSON(t *testing.T) {
	long := strings.Repeat("x", flows.MaxChoiceIDLen+1)
	rows := [][]flows.Choice{
		{{ID: "l:fr", Label: "Français"}, {ID: "l:wo", Label: `Wolof "<&>"`}},
		{{ID: "", Label: "no id"}, {ID: long, Label: "long id"}, {ID: "x", Label: "  "}},
		{{ID: "n:emploi", Label: "💼 Emploi"}},
	}
	got, dropped := inlineKeyboard(rows)
	if dropped != 3 {
		t.Errorf("dropped %d; want 3", dropped)
	}
	lib := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Français", "l:fr"), tgbotapi.NewInlineKeyboardButtonData(`Wolof "<&>"`, "l:wo")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("💼 Emploi", "n:emploi")))
	wantJSON, _ := json.Marshal(lib)
	var a, b any
	if err := json.Unmarshal([]byte(got), &a); err != nil {
		t.Fatalf("keyboard is not JSON: %v\n%s", err, got)
	}
	_ = json.Unmarshal(wantJSON, &b)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("keyboard\n%s\nwant\n%s", got, wantJSON)
	}
	if kb, n := inlineKeyboard([][]flows.Choice{{{ID: "", Label: "x"}}}); kb != "" || n != 1 {
		t.Errorf("all buttons left out: %q, %d; want no keyboard", kb, n)
	}
}

func BenchmarkEncodeCall(b *testing.B) {
	rows := [][]flows.Choice{{{ID: "r:dakar", Label: "Dakar"}, {ID: "r:diourbel", Label: "Diourbel"}, {ID: "r:fatick", Label: "Fatick"}},
		{{ID: "r:kaffrine", Label: "Kaffrine"}, {ID: "r:kaolack", Label: "Kaolack"}, {ID: "r:kedougou", Label: "Kédougou"}},
		{{ID: "nav:back", Label: "⬅️ Retour"}, {ID: "nav:restart", Label: "🔄 Recommencer"}}}
	for b.Loop() {
		out := render(5300000001, flows.Reply{Text: "Dans quelle région habitez-vous ?", Choices: rows}, false)
		_ = encodeJSON(out.calls[0].params)
	}
}

func TestReadAnswer(t *testing.T) {
	long := `{"ok":true,"result":{"message_id":42,"chat":{"id":5},"text":"` + strings.Repeat("é", 3000) + `"}}`
	errAnswer := `{"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same"}`
	other := `{"ok":true,"result":{"url":"","has_custom_certificate":false,"pending_update_count":0,"max_connections":40}}`
	cases := []struct {
		name, body string
		whole      bool
		want       string
	}{
		{"a sent message: only the head", long, false, long[:answerHead]},
		{"the result wanted: whole", long, true, long},
		{"an error: whole, for its description", errAnswer, false, errAnswer},
		{"another result: whole", other, false, other},
		{"short", `{"ok":true,"result":true}`, false, `{"ok":true,"result":true}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{Body: io.NopCloser(strings.NewReader(tc.body)), ContentLength: int64(len(tc.body))}
			got, err := readAnswer(resp, tc.whole)
			if err != nil || string(got) != tc.want {
				t.Fatalf("readAnswer = %q, %v; want %q", got, err, tc.want)
			}
			if n, _ := resp.Body.Read(make([]byte, 1)); n != 0 {
				t.Error("body not drained: the connection could not be reused")
			}
		})
	}
	if id := answer(long[:answerHead]).messageID(); id != 42 {
		t.Errorf("message id from the head = %d; want 42", id)
	}
}
