package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// Telegram limits the renderer respects.
const (
	maxTextLen    = 4096 // UTF-16 code units of visible text per message
	maxButtons    = 100  // inline buttons per message
	defaultPinTag = "📍"  // share-location button text when the engine gave none
)

// apiCall is one Bot API request that shows (part of) a reply.
type apiCall struct {
	method string
	params tgbotapi.Params
	inline bool // a sendMessage with an inline keyboard: it may become an edit
}

// rendered is a reply turned into API calls.
type rendered struct {
	calls   []apiCall
	removed bool // a call removes the share-location reply keyboard
	dropped int  // buttons left out: empty label, or id empty or over 64 bytes
}

// render turns one engine reply into the calls that show it, in order; removeKB asks the
// first plain text message to take down a share-location keyboard shown earlier.
func render(chatID int64, r flows.Reply, removeKB bool) rendered {
	chat := strconv.FormatInt(chatID, 10)
	kb, dropped := inlineKeyboard(r.Choices)
	out := rendered{dropped: dropped}
	parts := splitText(r.Text, maxTextLen)
	ask, label := askKeyboard(r)
	switch {
	case len(parts) > 0:
	case kb != "":
		parts = []string{"…"} // buttons need a message to hang on
	case ask:
		parts = []string{label}
	}
	if ask && kb != "" {
		// The reply keyboard needs its own message. It goes first, so the question and
		// its buttons are the newest message: the one users answer, and presses can edit.
		c := apiCall{method: "sendMessage", params: textParams(chat, label)}
		_ = c.params.AddInterface("reply_markup", replyKeyboard(label, r.AskPhone))
		out.calls = append(out.calls, c)
	}
	for i, part := range parts {
		c := apiCall{method: "sendMessage", params: textParams(chat, part)}
		if i == len(parts)-1 {
			switch {
			case kb != "":
				c.params["reply_markup"] = kb
				c.inline = true
			case ask:
				_ = c.params.AddInterface("reply_markup", replyKeyboard(label, r.AskPhone))
			case removeKB:
				_ = c.params.AddInterface("reply_markup", tgbotapi.ReplyKeyboardRemove{RemoveKeyboard: true})
				out.removed = true
			}
		}
		out.calls = append(out.calls, c)
	}
	if r.Place != nil {
		out.calls = append(out.calls, venueCall(chat, r.Place))
	}
	if r.Contact != nil && strings.TrimSpace(r.Contact.Phone) != "" {
		out.calls = append(out.calls, contactCall(chat, r.Contact))
	}
	return out
}

// textParams are a sendMessage's parameters: HTML with the whole text escaped, and no link
// previews, which cost users data.
func textParams(chat, text string) tgbotapi.Params {
	return tgbotapi.Params{
		"chat_id": chat, "text": escapeHTML(text), "parse_mode": "HTML",
		"disable_web_page_preview": "true",
	}
}

// asEdit turns an inline-keyboard sendMessage into an edit of message msgID, in place (the
// parameters are the call's own); withoutEdit turns it back.
func asEdit(c apiCall, msgID int) apiCall {
	c.params["message_id"] = strconv.Itoa(msgID)
	c.method = "editMessageText"
	return c
}

// withoutEdit is the sendMessage that asEdit turned into an edit.
func withoutEdit(c apiCall) apiCall {
	delete(c.params, "message_id")
	c.method = "sendMessage"
	return c
}

// venueCall shows a map pin for an office.
func venueCall(chat string, pl *flows.Place) apiCall {
	title := firstNonEmpty(pl.Name, pl.Address, defaultPinTag)
	return apiCall{method: "sendVenue", params: tgbotapi.Params{
		"chat_id": chat, "title": title, "address": firstNonEmpty(pl.Address, title),
		"latitude":  strconv.FormatFloat(pl.Lat, 'f', -1, 64),
		"longitude": strconv.FormatFloat(pl.Lon, 'f', -1, 64),
	}}
}

// contactCall shows a phone contact card.
func contactCall(chat string, ct *flows.Contact) apiCall {
	return apiCall{method: "sendContact", params: tgbotapi.Params{
		"chat_id": chat, "phone_number": ct.Phone, "first_name": firstNonEmpty(ct.Name, ct.Phone),
	}}
}

// inlineKeyboard writes the buttons' InlineKeyboardMarkup JSON, leaving out any Telegram
// would refuse (the whole message would fail); it returns "" when no button is left. It
// writes the JSON itself: building tgbotapi's button structs and marshalling them by
// reflection was a tenth of the bot's allocations.
func inlineKeyboard(rows [][]flows.Choice) (string, int) {
	dropped, total := 0, 0
	b := make([]byte, 0, 512)
	b = append(b, `{"inline_keyboard":[`...)
	for _, row := range rows {
		mark := len(b)
		if total > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		inRow := 0
		for _, ch := range row {
			if ch.ID == "" || len(ch.ID) > flows.MaxChoiceIDLen || strings.TrimSpace(ch.Label) == "" || total >= maxButtons {
				dropped++
				continue
			}
			if inRow > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendJSONString(b, ch.Label)
			b = append(b, `,"callback_data":`...)
			b = appendJSONString(b, ch.ID)
			b = append(b, '}')
			inRow++
			total++
		}
		if inRow == 0 {
			b = b[:mark] // a row whose buttons were all left out
			continue
		}
		b = append(b, ']')
	}
	if total == 0 {
		return "", dropped
	}
	return string(append(b, "]}"...)), dropped
}

// replyKeyboard is a one-button reply keyboard asking for the location or the phone number.
func replyKeyboard(label string, phone bool) tgbotapi.ReplyKeyboardMarkup {
	return tgbotapi.ReplyKeyboardMarkup{
		Keyboard:        [][]tgbotapi.KeyboardButton{{{Text: label, RequestLocation: !phone, RequestContact: phone}}},
		ResizeKeyboard:  true,
		OneTimeKeyboard: true,
	}
}

// askKeyboard says whether the reply asks for a location or the user's phone number
// (a one-button reply keyboard), and the button's label.
func askKeyboard(r flows.Reply) (bool, string) {
	label := strings.TrimSpace(r.LocationLabel)
	if r.AskPhone {
		label = strings.TrimSpace(r.PhoneLabel)
	}
	if label == "" {
		label = defaultPinTag
	}
	return r.AskLocation || r.AskPhone, label
}

// escapeHTML escapes the four characters Telegram's HTML mode needs, using only the named
// entities it accepts (&lt; &gt; &amp; &quot;).
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitText cuts plain text into messages of at most limit UTF-16 units, at line breaks
// where possible, else at spaces, else between characters; blank pieces are dropped.
func splitText(s string, limit int) []string {
	var parts []string
	for strings.TrimSpace(s) != "" {
		cut := len(s)
		if utf16Len(s) > limit {
			cut = cutPoint(s, limit)
		}
		if part := strings.TrimRight(s[:cut], " \n"); strings.TrimSpace(part) != "" {
			parts = append(parts, part)
		}
		s = strings.TrimLeft(s[cut:], "\n")
	}
	return parts
}

// cutPoint is the byte index where s should be cut so that s[:i] fits in limit units.
func cutPoint(s string, limit int) int {
	n, hard, lastNL, lastSpace := 0, len(s), -1, -1
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if n+w > limit {
			hard = i
			break
		}
		n += w
		switch r {
		case '\n':
			lastNL = i + 1
		case ' ':
			lastSpace = i + 1
		}
	}
	switch {
	case lastNL > 0:
		return lastNL
	case lastSpace > 0:
		return lastSpace
	case hard == 0:
		_, size := utf8.DecodeRuneInString(s)
		return size
	}
	return hard
}

// utf16Len counts s in UTF-16 code units, the unit of Telegram's length limits.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// firstNonEmpty returns the first argument that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
