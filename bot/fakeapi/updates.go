package fakeapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// User is a simulated private-chat user (chat id = user id, as in private chats).
type User struct {
	ID   int64
	Lang string // language_code, may be empty
}

// from is the user's Telegram "from" object.
func (u User) from() map[string]any {
	m := map[string]any{"id": u.ID, "is_bot": false, "first_name": "Test"}
	if u.Lang != "" {
		m["language_code"] = u.Lang
	}
	return m
}

// chat is the user's private chat object.
func (u User) chat() map[string]any {
	return map[string]any{"id": u.ID, "type": "private", "first_name": "Test"}
}

// Text is a message update with text; a leading /command gets its bot_command entity.
func (u User) Text(text string) []byte {
	msg := map[string]any{"message_id": 1, "date": time.Now().Unix(), "from": u.from(), "chat": u.chat(), "text": text}
	if len(text) > 1 && text[0] == '/' {
		n := bytes.IndexByte([]byte(text), ' ')
		if n < 0 {
			n = len(text)
		}
		msg["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": n}}
	}
	return mustJSON(map[string]any{"update_id": 0, "message": msg})
}

// Location is a message update sharing a location.
func (u User) Location(lat, lon float64) []byte {
	msg := map[string]any{"message_id": 1, "date": time.Now().Unix(), "from": u.from(), "chat": u.chat(),
		"location": map[string]any{"latitude": lat, "longitude": lon}}
	return mustJSON(map[string]any{"update_id": 0, "message": msg})
}

// Contact is a message update sharing the user's own phone number (the request_contact button).
func (u User) Contact(phone string) []byte {
	msg := map[string]any{"message_id": 1, "date": time.Now().Unix(), "from": u.from(), "chat": u.chat(),
		"contact": map[string]any{"phone_number": phone, "first_name": "Test", "user_id": u.ID}}
	return mustJSON(map[string]any{"update_id": 0, "message": msg})
}

// Press is a callback_query update for a button with data on message msgID.
func (u User) Press(queryID string, msgID int, data string) []byte {
	msg := map[string]any{"message_id": msgID, "date": time.Now().Unix(), "chat": u.chat(), "text": "…"}
	q := map[string]any{"id": queryID, "from": u.from(), "message": msg, "chat_instance": "1", "data": data}
	return mustJSON(map[string]any{"update_id": 0, "callback_query": q})
}

// Member is a my_chat_member update: the user blocked (true) or unblocked the bot.
func (u User) Member(blocked bool) []byte {
	oldS, newS := "member", "kicked"
	if !blocked {
		oldS, newS = "kicked", "member"
	}
	bot := map[string]any{"id": 777000111, "is_bot": true, "first_name": "Sama Yoon"}
	m := map[string]any{"chat": u.chat(), "from": u.from(), "date": time.Now().Unix(),
		"old_chat_member": map[string]any{"user": bot, "status": oldS},
		"new_chat_member": map[string]any{"user": bot, "status": newS, "until_date": 0}}
	return mustJSON(map[string]any{"update_id": 0, "my_chat_member": m})
}

// Staff is a simulated member of the staff group (a supergroup where the bot posts requests).
type Staff struct {
	ID    int64 // the member's user id
	Group int64 // the group's chat id (negative)
}

// Reply is a message in the group answering the bot's post replyTo; "/cmd" texts get their
// bot_command entity.
func (m Staff) Reply(replyTo int, text string) []byte {
	group := map[string]any{"id": m.Group, "type": "supergroup", "title": "Équipe"}
	bot := map[string]any{"id": 777000111, "is_bot": true, "first_name": "Sama Yoon", "username": "SamaYoonBot"}
	msg := map[string]any{"message_id": 1, "date": time.Now().Unix(), "chat": group, "text": text,
		"from": map[string]any{"id": m.ID, "is_bot": false, "first_name": "Fatou"}}
	if replyTo != 0 {
		msg["reply_to_message"] = map[string]any{"message_id": replyTo, "date": time.Now().Unix(), "chat": group,
			"from": bot, "text": "…"}
	}
	if len(text) > 1 && text[0] == '/' {
		msg["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": len(text)}}
	}
	return mustJSON(map[string]any{"update_id": 0, "message": msg})
}

// Press is a staff member's callback_query on the bot's post msgID in the group, shaped as
// Telegram sends it for a supergroup (bot/testdata/staff_approve_alerts.json).
func (m Staff) Press(queryID string, msgID int, data string) []byte {
	group := map[string]any{"id": m.Group, "type": "supergroup", "title": "Équipe"}
	bot := map[string]any{"id": 777000111, "is_bot": true, "first_name": "Sama Yoon", "username": "SamaYoonBot"}
	msg := map[string]any{"message_id": msgID, "date": time.Now().Unix(), "chat": group, "from": bot, "text": "…"}
	from := map[string]any{"id": m.ID, "is_bot": false, "first_name": "Fatou", "language_code": "fr"}
	q := map[string]any{"id": queryID, "from": from, "message": msg, "chat_instance": "-3", "data": data}
	return mustJSON(map[string]any{"update_id": 0, "callback_query": q})
}

// Button is an inline keyboard button as the user sees it.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// Keyboard decodes the inline keyboard of a sent message (nil when it has none).
func (m Sent) Keyboard() [][]Button {
	var k struct {
		Inline [][]Button `json:"inline_keyboard"`
	}
	if json.Unmarshal([]byte(m.Markup), &k) != nil {
		return nil
	}
	return k.Inline
}

// Deliver POSTs an update to the registered webhook with its secret, as Telegram
// does, giving it the next update_id; it returns the HTTP status.
func (s *Server) Deliver(ctx context.Context, raw []byte) (int, error) {
	wh := s.Webhook()
	if wh == nil {
		return 0, fmt.Errorf("fakeapi: no webhook set")
	}
	return s.DeliverTo(ctx, wh["url"], raw)
}

// DeliverTo POSTs an update to url (one replica of several behind the webhook) with the
// registered secret, giving it the next update_id; it returns the HTTP status.
func (s *Server) DeliverTo(ctx context.Context, url string, raw []byte) (int, error) {
	wh := s.Webhook()
	if wh == nil {
		return 0, fmt.Errorf("fakeapi: no webhook set")
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return 0, fmt.Errorf("fakeapi: update is not an object: %w", err)
	}
	s.mu.Lock()
	s.nextID++
	m["update_id"] = s.nextID
	s.mu.Unlock()
	return PostUpdate(ctx, url, wh["secret_token"], mustJSON(m))
}

// PostUpdate POSTs raw to url with the secret header (omitted when secret is "").
func PostUpdate(ctx context.Context, url, secret string, raw []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(raw))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// mustJSON marshals test data that is always marshalable.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
