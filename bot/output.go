package bot

import (
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
	c      tgbotapi.Chattable // MessageConfig, VenueConfig or ContactConfig
	inline bool               // a text message with inline buttons: a press may edit it in place
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
	kb, dropped := inlineKeyboard(r.Choices)
	out := rendered{dropped: dropped}
	parts := splitText(r.Text, maxTextLen)
	ask, label := askKeyboard(r)
	switch {
	case len(parts) > 0:
	case kb != nil:
		parts = []string{"…"} // buttons need a message to hang on
	case ask:
		parts = []string{label}
	}
	if ask && kb != nil {
		// The reply keyboard needs its own message. It goes first, so the question and
		// its buttons are the newest message: the one users answer, and presses can edit.
		m := textMessage(chatID, label)
		m.ReplyMarkup = replyKeyboard(label, r.AskPhone)
		out.calls = append(out.calls, apiCall{c: m})
	}
	for i, part := range parts {
		m := textMessage(chatID, part)
		last := i == len(parts)-1
		switch {
		case last && kb != nil:
			m.ReplyMarkup = *kb
		case last && ask:
			m.ReplyMarkup = replyKeyboard(label, r.AskPhone)
		case last && removeKB:
			m.ReplyMarkup = tgbotapi.NewRemoveKeyboard(false)
			out.removed = true
		}
		out.calls = append(out.calls, apiCall{c: m, inline: last && kb != nil})
	}
	if pl := r.Place; pl != nil {
		title := firstNonEmpty(pl.Name, pl.Address, defaultPinTag)
		out.calls = append(out.calls, apiCall{c: tgbotapi.NewVenue(chatID, title, firstNonEmpty(pl.Address, title), pl.Lat, pl.Lon)})
	}
	if ct := r.Contact; ct != nil && strings.TrimSpace(ct.Phone) != "" {
		out.calls = append(out.calls, apiCall{c: tgbotapi.NewContact(chatID, ct.Phone, firstNonEmpty(ct.Name, ct.Phone))})
	}
	return out
}

// textMessage is a sendMessage: HTML with the whole text escaped, and no link previews,
// which cost users data.
func textMessage(chatID int64, text string) tgbotapi.MessageConfig {
	m := tgbotapi.NewMessage(chatID, escapeHTML(text))
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	return m
}

// asEdit is the edit of message msgID that shows an inline-keyboard message's text and
// buttons in its place.
func asEdit(c apiCall, msgID int) tgbotapi.EditMessageTextConfig {
	m, _ := c.c.(tgbotapi.MessageConfig)
	kb, _ := m.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	e := tgbotapi.NewEditMessageTextAndMarkup(m.ChatID, msgID, m.Text, kb)
	e.ParseMode, e.DisableWebPagePreview = m.ParseMode, m.DisableWebPagePreview
	return e
}

// inlineKeyboard builds the buttons' markup, leaving out any Telegram would refuse (the
// whole message would fail); it returns nil when no button is left. All rows share one
// backing array, sized up front: a keyboard is built for every reply.
func inlineKeyboard(rows [][]flows.Choice) (*tgbotapi.InlineKeyboardMarkup, int) {
	n := 0
	for _, row := range rows {
		n += len(row)
	}
	all := make([]tgbotapi.InlineKeyboardButton, 0, min(n, maxButtons))
	kb := make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))
	dropped := 0
	for _, row := range rows {
		start := len(all)
		for _, ch := range row {
			if ch.ID == "" || len(ch.ID) > flows.MaxChoiceIDLen || strings.TrimSpace(ch.Label) == "" || len(all) >= maxButtons {
				dropped++
				continue
			}
			all = append(all, tgbotapi.NewInlineKeyboardButtonData(ch.Label, ch.ID))
		}
		if len(all) > start {
			kb = append(kb, all[start:len(all):len(all)])
		}
	}
	if len(all) == 0 {
		return nil, dropped
	}
	markup := tgbotapi.NewInlineKeyboardMarkup(kb...)
	return &markup, dropped
}

// replyKeyboard is a one-button reply keyboard asking for the location or the phone number.
func replyKeyboard(label string, phone bool) tgbotapi.ReplyKeyboardMarkup {
	button := tgbotapi.NewKeyboardButtonLocation(label)
	if phone {
		button = tgbotapi.NewKeyboardButtonContact(label)
	}
	kb := tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(button))
	kb.OneTimeKeyboard = true
	return kb
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
