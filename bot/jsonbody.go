package bot

import (
	"slices"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// jsonParam reports whether a parameter's value is itself JSON (an object or an array),
// which a JSON request body carries as it is rather than as a string.
func jsonParam(key, value string) bool {
	switch key {
	case "reply_markup", "scope", "commands", "reply_parameters", "allowed_updates", "link_preview_options":
		return value != "" && (value[0] == '{' || value[0] == '[')
	}
	return false
}

// encodeJSON writes the parameters as one JSON object, keys sorted: JSON values as they
// are, every other value as a string (the Bot API reads each value as its text). A JSON body
// is about a third smaller than the same call form-encoded (no %XX for emoji, accents and
// JSON punctuation): 601 instead of 875 bytes for the region question.
func encodeJSON(p tgbotapi.Params) []byte {
	keys := make([]string, 0, len(p))
	n := 2
	for k, v := range p {
		keys = append(keys, k)
		n += len(k) + len(v) + 6
	}
	slices.Sort(keys)
	b := make([]byte, 0, n+n/8)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		if v := p[k]; jsonParam(k, v) {
			b = append(b, v...)
		} else {
			b = appendJSONString(b, v)
		}
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control characters
// escaped, UTF-8 kept as it is, invalid UTF-8 replaced (Telegram would refuse the call).
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
