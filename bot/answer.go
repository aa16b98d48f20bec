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
