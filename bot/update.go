package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// Update kinds, as reported to the Observer.
const (
	kindMessage   = "message"
	kindCallback  = "callback"
	kindMember    = "my_chat_member"
	kindOther     = "other"
	kindMalformed = "malformed"
	kindDuplicate = "duplicate"
)

// allowedUpdates are the update types the bot asks Telegram for.
const allowedUpdates = `["message","callback_query","my_chat_member"]`

// maxInputText caps typed text handed to the engine (Telegram's own limit is 4096).
const maxInputText = 4096

// update is one Telegram update reduced to what the engine and delivery need.
type update struct {
	id         int
	kind       string
	chatID     int64
	chat       flows.Chat
	input      flows.Input
	hasInput   bool
	callbackID string    // answer it first
	srcMsgID   int       // the message a button press came from, 0 if unknown or inaccessible
	member     string    // my_chat_member: "blocked" or "unblocked"
	group      bool      // a message in a group (the staff group, or ignored)
	msgID      int       // the message's id: a group message is replied to, a private one dates the chat's screens
	replyTo    int       // group: the bot's post this message replies to, 0 if none
	at         time.Time // when the bot took it: a held update's wait counts from here
}

// decodeUpdate decodes one raw update (a webhook body) into tgbotapi.Update, then into
// what the bot needs; on error it still returns the update_id when it can be read, so a
// wrongly typed update can be confirmed and skipped.
func decodeUpdate(raw []byte) (update, error) {
	var tu tgbotapi.Update
	if fastDecode(raw, &tu) {
		return fromUpdate(&tu, raw, nil)
	}
	tu = tgbotapi.Update{}
	return fromUpdate(&tu, raw, json.Unmarshal(raw, &tu))
}

// fastDecode decodes JSON with go-json-experiment/json: encoding/json's behaviour (its v1
// options) on the engine that becomes encoding/json/v2 in Go 1.27, about 1.7 times faster
// into tgbotapi's large Message type, with fewer allocations (decoding is the library
// channel's largest cost). It reports false on any error or panic; encoding/json then
// decodes again and says why, so refusals and their messages stay encoding/json's
// (FuzzDecodeUpdates compares both).
func fastDecode(raw []byte, v any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return jsonv2.Unmarshal(raw, v, fastOptions) == nil
}

// fastOptions are encoding/json's rules, except that the parts of a message the bot never
// reads are checked as JSON and not decoded: its inline keyboard (a pressed message carries
// the whole keyboard back) and its formatting entities. A mistyped value in them therefore
// does not make an update undecodable, as it would with encoding/json.
var fastOptions = jsonv2.JoinOptions(jsonv1.DefaultOptionsV1(), jsonv2.WithUnmarshalers(jsonv2.JoinUnmarshalers(
	jsonv2.UnmarshalFromFunc(func(dec *jsontext.Decoder, _ *tgbotapi.InlineKeyboardMarkup) error { return dec.SkipValue() }),
	jsonv2.UnmarshalFromFunc(func(dec *jsontext.Decoder, _ *[]tgbotapi.MessageEntity) error { return dec.SkipValue() }),
)))

// fromUpdate reduces a decoded update to what the bot needs; after a decoding error, only
// the update_id, read again from raw.
func fromUpdate(tu *tgbotapi.Update, raw []byte, err error) (update, error) {
	if err != nil {
		id := peekID(raw)
		return update{id: id, kind: kindMalformed}, undecodable(id, err)
	}
	u := update{id: tu.UpdateID, kind: kindOther}
	switch {
	case tu.Message != nil:
		fromMessage(&u, tu.Message)
	case tu.CallbackQuery != nil:
		fromCallback(&u, tu.CallbackQuery)
	case tu.MyChatMember != nil:
		fromMember(&u, tu.MyChatMember)
	}
	u.input.UpdateID = strconv.Itoa(u.id)
	return u, nil
}

// undecodable says why an update did not decode without quoting it: encoding/json's
// errors can carry a value from the update (a number, such as a chat id).
func undecodable(id int, err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	what := "not an update object"
	switch {
	case errors.As(err, &te):
		what = fmt.Sprintf("field %s is not a %s", te.Field, te.Type)
	case errors.As(err, &se):
		what = fmt.Sprintf("JSON syntax error at byte %d", se.Offset)
	}
	return fmt.Errorf("decoding update %d: %s", id, what)
}

// decoded is one update of a getUpdates answer, or why it did not decode.
type decoded struct {
	u   update
	err error
}

// decodeUpdates decodes getUpdates' result one update at a time with encoding/json's stream
// decoder, straight into tgbotapi.Update: each update is scanned twice (its bounds, then
// its fields) instead of six times (the list into raw items, the id, the update), and one
// badly typed update does not make the batch fail. It takes the answers pollClient could
// not decode in one pass.
func decodeUpdates(result []byte) ([]decoded, error) {
	dec := json.NewDecoder(bytes.NewReader(result))
	tok, err := dec.Token()
	if err == nil && tok == nil && len(trimJSONSpace(result[dec.InputOffset():])) == 0 {
		return nil, nil // null: no updates
	}
	if err != nil || tok != json.Delim('[') {
		return nil, errors.New("result is not a list of updates")
	}
	var out []decoded
	for dec.More() {
		start := dec.InputOffset()
		var tu tgbotapi.Update
		err := dec.Decode(&tu)
		end := dec.InputOffset()
		if err != nil && end == start {
			return nil, fmt.Errorf("result is not a list of updates: %w", err)
		}
		raw := bytes.TrimLeft(result[start:end], ", \t\r\n")
		var u update
		if err != nil {
			u, err = decodeUpdate(raw) // as alone: a mistyped part the bot does not read is no error
		} else {
			u, err = fromUpdate(&tu, raw, nil)
		}
		out = append(out, decoded{u: u, err: err})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') || len(trimJSONSpace(result[dec.InputOffset():])) > 0 {
		return nil, errors.New("result is not a list of updates")
	}
	return out, nil
}

// trimJSONSpace trims what JSON counts as white space (bytes.TrimSpace also trims \v, \f
// and Unicode spaces, which make a JSON text invalid).
func trimJSONSpace(b []byte) []byte { return bytes.Trim(b, " \t\r\n") }

// peekID reads only the update_id, of an update that did not decode.
func peekID(raw []byte) int {
	var idOnly struct {
		UpdateID int `json:"update_id"`
	}
	if json.Unmarshal(raw, &idOnly) != nil {
		return 0
	}
	return idOnly.UpdateID
}

// chatOf describes a Telegram chat to the engine.
func chatOf(c *tgbotapi.Chat, from *tgbotapi.User) flows.Chat {
	fc := flows.Chat{ID: chatKey(c.ID), CanLocate: c.Type == "" || c.IsPrivate()}
	if from != nil {
		fc.PlatformLang = from.LanguageCode
	}
	return fc
}

// fromMessage maps a message: command, text, location, voice note, photo or document (the
// engine may have it copied to the staff group), the user's own phone number (which the
// engine passes to the staff in a handoff thread only); anything else (sticker, someone
// else's contact...) reaches the engine as empty text, so it answers with a prompt.
func fromMessage(u *update, m *tgbotapi.Message) {
	if m.Chat == nil {
		return
	}
	if m.Chat.IsGroup() || m.Chat.IsSuperGroup() {
		fromGroup(u, m)
		return
	}
	u.kind, u.chatID, u.chat, u.hasInput = kindMessage, m.Chat.ID, chatOf(m.Chat, m.From), true
	u.msgID = m.MessageID
	switch {
	case mediaOf(m) != "":
		u.input = flows.Input{Kind: flows.InputMedia, Media: mediaOf(m)}
	case m.Contact != nil && m.From != nil && m.Contact.UserID == m.From.ID:
		u.input = flows.Input{Kind: flows.InputPhone, Phone: truncate(m.Contact.PhoneNumber, 32)}
	case m.Location != nil:
		u.input = flows.Input{Kind: flows.InputLocation, Point: flows.Point{Lat: m.Location.Latitude, Lon: m.Location.Longitude}}
	case m.Text != "":
		if cmd, args, ok := parseCommand(m.Text); ok {
			u.input = flows.Input{Kind: flows.InputCommand, Command: cmd, Args: args}
			return
		}
		u.input = flows.Input{Kind: flows.InputText, Text: truncate(m.Text, maxInputText)}
	default:
		u.input = flows.Input{Kind: flows.InputText}
	}
}

// mediaOf is the kind of media a message carries that can be passed on with copyMessage
// ("voice" also for audio files), "" for none.
func mediaOf(m *tgbotapi.Message) string {
	switch {
	case m.Voice != nil, m.Audio != nil:
		return flows.MediaVoice
	case len(m.Photo) > 0:
		return flows.MediaPhoto
	case m.Document != nil:
		return flows.MediaDocument
	}
	return ""
}

// fromCallback maps a button press; the chat is the message's, or the user's private chat.
// A message Telegram no longer gives (date 0: inaccessible) cannot be edited.
func fromCallback(u *update, q *tgbotapi.CallbackQuery) {
	u.kind, u.callbackID = kindCallback, q.ID
	switch {
	case q.Message != nil && q.Message.Chat != nil:
		u.chatID = q.Message.Chat.ID
		u.chat = chatOf(q.Message.Chat, q.From)
		if q.Message.Date != 0 {
			u.srcMsgID = q.Message.MessageID
		}
	case q.From != nil:
		u.chatID = q.From.ID
		u.chat = chatOf(&tgbotapi.Chat{ID: q.From.ID, Type: "private"}, q.From)
	default:
		return
	}
	u.hasInput = true
	u.input = flows.Input{Kind: flows.InputChoice, Choice: q.Data}
}

// fromMember notes that a user blocked ("kicked") or unblocked the bot.
func fromMember(u *update, m *tgbotapi.ChatMemberUpdated) {
	u.kind, u.chatID, u.chat = kindMember, m.Chat.ID, chatOf(&m.Chat, &m.From)
	switch m.NewChatMember.Status {
	case "kicked", "left":
		u.member = "blocked"
	case "member", "administrator":
		u.member = "unblocked"
	}
}

// parseCommand reads "/name[@bot] args" without trusting entity offsets, which a forged
// update could set past the end of the text.
func parseCommand(text string) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if nl := strings.IndexByte(head, '\n'); nl >= 0 {
		head, rest = head[:nl], head[nl+1:]+" "+rest
	}
	head, _, _ = strings.Cut(head, "@")
	if head == "" || len(head) > 32 || strings.TrimLeft(strings.ToLower(head), "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
		return "", "", false
	}
	return strings.ToLower(head), strings.TrimSpace(truncate(rest, maxInputText)), true
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isRuneStart reports whether b begins a UTF-8 sequence.
func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
