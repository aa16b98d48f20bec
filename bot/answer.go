package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// okPrefix starts every successful Bot API answer ("ok" is the envelope's first key).
var okPrefix = []byte(`{"ok":true,`)

// sentPrefix starts a successful answer whose result is a message: its id comes first.
var sentPrefix = []byte(`{"ok":true,"result":{"message_id":`)

// answer is the body of a successful Bot API answer, decoded only as far as a caller needs.
type answer []byte

// result decodes the answer's result into v (a pointer) in one pass.
func (a answer) result(v any) error {
	env := struct {
		Result any `json:"result"`
	}{Result: v}
	if err := json.Unmarshal(a, &env); err != nil {
		return fmt.Errorf("decoding the result: %w", err)
	}
	return nil
}

// messageID is the id of the message a send returned, 0 when the result is not a message.
// Telegram writes message_id first, so the id is read without decoding the echoed message.
func (a answer) messageID() int {
	if rest, ok := bytes.CutPrefix(a, sentPrefix); ok {
		end := 0
		for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
			end++
		}
		if end < len(rest) && (rest[end] == ',' || rest[end] == '}') {
			if id, err := strconv.Atoi(string(rest[:end])); err == nil {
				return id
			}
		}
	}
	var m struct {
		MessageID int `json:"message_id"`
	}
	if a.result(&m) != nil {
		return 0
	}
	return m.MessageID
}

// listPrefix starts a successful answer whose result is a list (getUpdates).
var listPrefix = []byte(`{"ok":true,"result":[`)

// resultItems splits the result list into its elements in one pass, without copying or
// decoding them: each update is decoded once, later, on its own (a malformed one costs only
// itself). ok is false when the answer is not shaped as Telegram writes it; callers then
// decode it the slow way.
func (a answer) resultItems() (items []json.RawMessage, ok bool) {
	rest, found := bytes.CutPrefix(a, listPrefix)
	if !found {
		return nil, false
	}
	depth, start := 0, -1
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if start < 0 {
			if c == ']' && depth == 0 && len(items) == 0 {
				return items, closes(rest[i+1:])
			}
			start = i
		}
		switch c {
		case '"':
			if i = stringEnd(rest, i+1); i < 0 {
				return nil, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 { // the list's own ']'
				if c != ']' {
					return nil, false
				}
				if items, ok = appendItem(items, rest[start:i]); !ok {
					return nil, false
				}
				return items, closes(rest[i+1:])
			}
			depth--
		case ',':
			if depth == 0 {
				if items, ok = appendItem(items, rest[start:i]); !ok {
					return nil, false
				}
				start = -1
			}
		}
	}
	return nil, false
}

// stringEnd is the index of the '"' that closes the JSON string whose body starts at b[i],
// or -1; it jumps from quote to quote (texts are most of an update's bytes).
func stringEnd(b []byte, i int) int {
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return -1
		}
		j += i
		slashes := 0
		for k := j - 1; k >= i && b[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 0 {
			return j
		}
		i = j + 1
	}
}

// appendItem adds one list element, its trailing blanks cut; an empty one is refused.
func appendItem(items []json.RawMessage, item []byte) ([]json.RawMessage, bool) {
	item = bytes.TrimRight(item, " \t\n\r")
	if len(item) == 0 {
		return items, false
	}
	return append(items, item), true
}

// closes reports whether what follows the result list is only the envelope's '}'.
func closes(rest []byte) bool {
	return bytes.Equal(bytes.TrimSpace(rest), []byte("}"))
}
