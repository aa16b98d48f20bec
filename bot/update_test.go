package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

func TestDecodeUpdateFixtures(t *testing.T) {
	chat := flows.Chat{ID: "tg:5300000001", PlatformLang: "fr", CanLocate: true}
	tests := []struct {
		file     string
		kind     string
		hasInput bool
		input    flows.Input
		chat     flows.Chat
		srcMsg   int
		member   string
		wantErr  bool
	}{
		{file: "start_deeplink.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputCommand, Command: "start", Args: "r-diourbel_l-wo", UpdateID: "514200001"}},
		{file: "text.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputText, Text: "Je cherche une formation à Mbacké <vite> & bien", UpdateID: "514200002"}},
		{file: "location.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputLocation, Point: flows.Point{Lat: 14.655041, Lon: -16.231803}, UpdateID: "514200003"}},
		{file: "contact.json", kind: kindMessage, hasInput: true, chat: flows.Chat{ID: "tg:5300000001", PlatformLang: "wo", CanLocate: true},
			input: flows.Input{Kind: flows.InputPhone, Phone: "+221770000000", UpdateID: "514200004"}},
		{file: "contact_other.json", kind: kindMessage, hasInput: true, chat: flows.Chat{ID: "tg:5300000001", PlatformLang: "wo", CanLocate: true},
			input: flows.Input{Kind: flows.InputText, UpdateID: "514200012"}},
		{file: "callback_query.json", kind: kindCallback, hasInput: true, chat: chat, srcMsg: 15,
			input: flows.Input{Kind: flows.InputChoice, Choice: "aud:retour", UpdateID: "514200005"}},
		{file: "callback_inaccessible.json", kind: kindCallback, hasInput: true, chat: flows.Chat{ID: "tg:5300000001", CanLocate: true},
			input: flows.Input{Kind: flows.InputChoice, Choice: "need:emploi", UpdateID: "514200006"}},
		{file: "my_chat_member_blocked.json", kind: kindMember, chat: chat, member: "blocked", input: flows.Input{UpdateID: "514200007"}},
		{file: "my_chat_member_unblocked.json", kind: kindMember, chat: chat, member: "unblocked", input: flows.Input{UpdateID: "514200008"}},
		{file: "edited_message.json", kind: kindOther, input: flows.Input{UpdateID: "514200009"}},
		{file: "sticker.json", kind: kindMessage, hasInput: true, chat: chat, input: flows.Input{Kind: flows.InputText, UpdateID: "514200011"}},
		{file: "voice.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputMedia, Media: flows.MediaVoice, UpdateID: "514200016"}},
		{file: "photo.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputMedia, Media: flows.MediaPhoto, UpdateID: "514200017"}},
		{file: "document.json", kind: kindMessage, hasInput: true, chat: chat,
			input: flows.Input{Kind: flows.InputMedia, Media: flows.MediaDocument, UpdateID: "514200018"}},
		{file: "malformed_wrong_type.json", kind: kindMalformed, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := fixture(t, tt.file)
			u, err := decodeUpdate(raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if u.id == 0 {
				t.Errorf("update_id not read")
			}
			if tt.wantErr {
				return
			}
			if u.kind != tt.kind || u.hasInput != tt.hasInput || u.input != tt.input || u.chat != tt.chat || u.srcMsgID != tt.srcMsg || u.member != tt.member {
				t.Errorf("got kind %s input %v %+v chat %+v src %d member %q", u.kind, u.hasInput, u.input, u.chat, u.srcMsgID, u.member)
			}
		})
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name, text, cmd, args string
		ok                    bool
	}{
		{"bare", "/start", "start", "", true},
		{"deep link", "/start r-diourbel_l-wo", "start", "r-diourbel_l-wo", true},
		{"bot name and case", "/AIDE@SamaYoonBot", "aide", "", true},
		{"newline before args", "/start\nabc", "start", "abc", true},
		{"not a command", "hello /start", "", "", false},
		{"slash alone", "/", "", "", false},
		{"path-like", "/home/user", "", "", false},
		{"accented", "/étape", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, args, ok := parseCommand(tt.text)
			if cmd != tt.cmd || args != tt.args || ok != tt.ok {
				t.Errorf("parseCommand(%q) = %q, %q, %v", tt.text, cmd, args, ok)
			}
		})
	}
}

func TestTruncateKeepsRunes(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "abc", 10, "abc"},
		{"ascii cut", "abcdef", 3, "abc"},
		{"inside a rune", "aé", 2, "a"},
		{"after a rune", "aéb", 3, "aé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncate(tt.in, tt.n); got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestDecodeStaffGroupMessages(t *testing.T) {
	const group = int64(-1001234567890)
	tests := []struct {
		file    string
		replyTo int
		input   flows.Input
	}{
		{"staff_reply.json", 88, flows.Input{Kind: flows.InputStaff, Text: "Bonjour, passez au BAOS mardi.", UpdateID: "514200013"}},
		{"staff_fin.json", 88, flows.Input{Kind: flows.InputStaff, Command: "fin", UpdateID: "514200014"}},
		{"staff_chatter.json", 0, flows.Input{Kind: flows.InputStaff, Text: "Merci Fatou", UpdateID: "514200015"}},
		{"staff_voice_reply.json", 88, flows.Input{Kind: flows.InputStaff, Media: flows.MediaVoice, UpdateID: "514200019"}},
		{"staff_photo_reply.json", 88, flows.Input{Kind: flows.InputStaff, Media: flows.MediaPhoto, UpdateID: "514200020"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := fixture(t, tt.file)
			u, err := decodeUpdate(raw)
			if err != nil {
				t.Fatal(err)
			}
			if !u.group || u.chatID != group || u.replyTo != tt.replyTo || u.input != tt.input || u.chat.CanLocate || u.msgID == 0 {
				t.Errorf("got group %v chat %d replyTo %d msg %d input %+v, want reply to %d, input %+v",
					u.group, u.chatID, u.replyTo, u.msgID, u.input, tt.replyTo, tt.input)
			}
		})
	}
}

// FuzzDecodeUpdates: any getUpdates result is a list of updates or is refused; each update
// in it decodes as it would alone (as a webhook body), or is refused by id without quoting
// it, and a decoded one keeps its id, caps its text and survives the journal's round trip.
func FuzzDecodeUpdates(f *testing.F) {
	for _, file := range []string{"text.json", "callback_query.json", "location.json", "contact.json",
		"my_chat_member_blocked.json", "staff_reply.json", "malformed_wrong_type.json"} {
		raw, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append(append([]byte("["), raw...), ']'))
	}
	f.Add([]byte(`[{"update_id":1,"message":{"message_id":1,"chat":{"id":1.5},"text":"x"}},{"update_id":2}]`))
	f.Add([]byte(`[1,"x",[],{}]`))
	f.Add([]byte(`null`))
	f.Add([]byte(` [ {"update_id":3} ,` + "\n" + `{"update_id":"4"} ] `))
	f.Fuzz(func(t *testing.T, result []byte) {
		batch, err := decodeUpdates(result)
		var raws []json.RawMessage
		if json.Unmarshal(result, &raws) != nil {
			if err == nil {
				t.Fatalf("%q is not a list of updates, yet decoded as %+v", result, batch)
			}
			return
		}
		if err != nil || len(batch) != len(raws) {
			t.Fatalf("%q: %d updates, %v; want %d", result, len(batch), err, len(raws))
		}
		if updates, ok := decodeAnswer([]byte(`{"ok":true,"result":` + string(result) + `}`)); ok {
			fast := fromPolled(updates)
			same := len(fast) == len(batch)
			for i := 0; same && i < len(fast); i++ {
				same = reflect.DeepEqual(fast[i].u, batch[i].u) && batch[i].err == nil
			}
			if !same {
				t.Fatalf("%q decoded in one pass as %+v; update by update as %+v", result, fast, batch)
			}
		}
		for i, raw := range raws {
			u, err := decodeUpdate(raw)
			if !reflect.DeepEqual(batch[i].u, u) || (batch[i].err == nil) != (err == nil) {
				t.Fatalf("item %d %q decoded in the list as %+v, %v; alone as %+v, %v", i, raw, batch[i].u, batch[i].err, u, err)
			}
			checkDecoded(t, raw)
		}
	})
}

// checkDecoded checks one update's decoding against the invariants of FuzzDecodeUpdates.
func checkDecoded(t *testing.T, raw []byte) {
	u, err := decodeUpdate(raw)
	want, wantErr := stdDecodeUpdate(raw)
	if err == nil && onlyUnreadRefused(raw) {
		want, wantErr = u, nil // encoding/json refused a part the fast path checks and does not read
	}
	if !reflect.DeepEqual(u, want) || (err == nil) != (wantErr == nil) {
		t.Fatalf("%q decoded as %+v, %v; encoding/json alone: %+v, %v", raw, u, err, want, wantErr)
	}
	if err != nil {
		if u.kind != kindMalformed || u.id != peekID(raw) || strings.Contains(err.Error(), `"`) {
			t.Fatalf("refused %q as %+v: %v", raw, u, err)
		}
		return
	}
	if u.id != peekID(raw) || len(u.input.Text) > maxInputText || len(u.input.Args) > maxInputText {
		t.Fatalf("%q decoded as %+v", raw, u)
	}
	if u.id <= 0 {
		return // not journaled: the poller skips it
	}
	e, err := encodeEntry(u)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := decodeEntry(e); err != nil || !reflect.DeepEqual(back, u) {
		t.Fatalf("journal round trip of %q: %+v, %v; want %+v", raw, back, err, u)
	}
}

// onlyUnreadRefused reports whether encoding/json refuses raw only for a value in a part the
// bot does not read (a keyboard, formatting entities): it accepts raw once those are gone.
func onlyUnreadRefused(raw []byte) bool {
	var tu tgbotapi.Update
	var te *json.UnmarshalTypeError
	if err := json.Unmarshal(raw, &tu); !errors.As(err, &te) {
		return false
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	dropUnread(v)
	clean, err := json.Marshal(v)
	return err == nil && json.Unmarshal(clean, &tu) == nil
}

// dropUnread removes, at any depth, the members the fast path skips: every reply_markup (an
// InlineKeyboardMarkup in tgbotapi's types) and every member whose name ends in "entities"
// (each a []MessageEntity: entities, caption_entities, explanation_entities, text_entities).
func dropUnread(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if l := strings.ToLower(k); l == "reply_markup" || strings.HasSuffix(l, "entities") {
				delete(v, k)
				continue
			}
			dropUnread(x)
		}
	case []any:
		for _, x := range v {
			dropUnread(x)
		}
	}
}

// stdDecodeUpdate is decodeUpdate with encoding/json alone: the fast decoder must agree.
func stdDecodeUpdate(raw []byte) (update, error) {
	var tu tgbotapi.Update
	return fromUpdate(&tu, raw, json.Unmarshal(raw, &tu))
}

func TestUndecodableUpdateIsNotQuoted(t *testing.T) {
	raw := []byte(`{"update_id":42,"message":{"message_id":7,"date":1,"chat":{"id":5300000008.5,"type":"private"},"text":"mon secret"}}`)
	u, err := decodeUpdate(raw)
	if err == nil || u.id != 42 || u.kind != kindMalformed {
		t.Fatalf("decodeUpdate = %+v, %v; want a malformed update 42", u, err)
	}
	if msg := err.Error(); strings.Contains(msg, "5300000008") || strings.Contains(msg, "secret") || !strings.Contains(msg, "chat.id") {
		t.Errorf("error %q: want the field named and no value quoted", msg)
	}
}

// BenchmarkDecodeUpdate measures decoding a typical button press (the journey's commonest update).
func BenchmarkDecodeUpdate(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "callback_query.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeUpdate(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// fixture reads a real Telegram update from testdata.
func fixture(t *testing.T, file string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestUnreadPartsAreNotDecoded: the keyboard a pressed message carries and formatting
// entities are checked as JSON and not decoded, so a value of the wrong type there no longer
// makes the update undecodable; anything the bot reads is still checked as before.
func TestUnreadPartsAreNotDecoded(t *testing.T) {
	press := `{"update_id":9,"callback_query":{"id":"c1","from":{"id":5,"first_name":"A"},"message":{"message_id":3,"date":1,"chat":{"id":5,"type":"private"},"text":"Vous êtes ?",%s},"data":"aud:retour"}}`
	tests := []struct {
		name, raw string
		ok        bool
	}{
		{"a mistyped keyboard", fmt.Sprintf(press, `"reply_markup":{"inline_keyboard":5}`), true},
		{"mistyped entities", fmt.Sprintf(press, `"entities":[{"offset":"x"}]`), true},
		{"a keyboard that is not JSON", fmt.Sprintf(press, `"reply_markup":{"inline_keyboard":[}`), false},
		{"a mistyped field the bot reads", strings.Replace(fmt.Sprintf(press, `"entities":[]`), `"chat":{"id":5`, `"chat":{"id":"5"`, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := decodeUpdate([]byte(tt.raw))
			if ok := err == nil && u.kind == kindCallback && u.input.Choice == "aud:retour"; ok != tt.ok {
				t.Errorf("decoded as %+v, %v; want decoded: %v", u, err, tt.ok)
			}
			batch, err := decodeUpdates([]byte("[" + tt.raw + "]"))
			if !json.Valid([]byte(tt.raw)) {
				if err == nil {
					t.Errorf("a list with invalid JSON decoded as %+v", batch)
				}
				return
			}
			if err != nil || len(batch) != 1 || (batch[0].err == nil) != tt.ok {
				t.Errorf("in a list: %+v, %v; want decoded: %v", batch, err, tt.ok)
			}
		})
	}
}

// TestFastDecodeAgreesWithEncodingJSON: where JSON decoders are known to differ, the fast
// path decodes as encoding/json does (checkDecoded compares them).
func TestFastDecodeAgreesWithEncodingJSON(t *testing.T) {
	msg := `{"update_id":5,"message":{"message_id":1,"chat":{"id":7,"type":"private"},%s}}`
	tests := []struct{ name, raw string }{
		{"keys match whatever their case", `{"UPDATE_ID":5}`},
		{"the last of a repeated key wins", `{"update_id":5,"update_id":6}`},
		{"a lone surrogate", fmt.Sprintf(msg, `"TEXT":"hé \ud800"`)},
		{"invalid UTF-8", fmt.Sprintf(msg, "\"text\":\"\xff\"")},
		{"a float id", `{"update_id":5.0}`},
		{"an exponent id", `{"update_id":1e2}`},
		{"minus zero", `{"update_id":-0}`},
		{"an id too large", `{"update_id":99999999999999999999}`},
		{"a null message", `{"update_id":5,"message":null}`},
		{"trailing data", `{"update_id":5} {}`},
		{"a mistyped keyboard", fmt.Sprintf(msg, `"reply_markup":{"inline_keyboard":5}`)},
		{"a game's mistyped text entities", fmt.Sprintf(msg, `"game":{"title":"g","text_entities":{"offset":1}}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecoded(t, []byte(tt.raw)) })
	}
}
