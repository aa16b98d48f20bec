package fakeapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Push queues an update for the bot, giving it the next update_id, which it returns.
func (s *Server) Push(raw []byte) int {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		panic("fakeapi: Push wants a JSON object: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := s.nextID
	m["update_id"] = id
	out, _ := json.Marshal(m)
	s.queue = append(s.queue, out)
	s.queueIDs = append(s.queueIDs, id)
	close(s.notify)
	s.notify = make(chan struct{})
	return id
}

// PushRaw queues bytes as they are (for malformed updates); the caller sets update_id.
func (s *Server) PushRaw(raw []byte) {
	var idOnly struct {
		UpdateID int `json:"update_id"`
	}
	_ = json.Unmarshal(raw, &idOnly)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID = max(s.nextID, idOnly.UpdateID)
	s.queue = append(s.queue, append([]byte(nil), raw...))
	s.queueIDs = append(s.queueIDs, idOnly.UpdateID)
	close(s.notify)
	s.notify = make(chan struct{})
}

// Pending is how many updates Telegram still holds (not confirmed by an offset).
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// getUpdates confirms updates below offset, then returns up to limit, waiting up to
// timeout seconds for one; a newer poll ends a waiting one with 409.
func (s *Server) getUpdates(r *http.Request, p map[string]string) (any, *apiErr) {
	offset, _ := strconv.Atoi(p["offset"])
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	deadline := time.After(time.Duration(min(max(timeout, 0), 50)) * time.Second)
	s.mu.Lock()
	if s.webhook != nil {
		s.mu.Unlock()
		return nil, &apiErr{code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if s.poller != nil {
		close(s.poller)
	}
	me := make(chan struct{})
	s.poller = me
	for {
		s.confirmLocked(offset)
		if len(s.queue) > 0 || timeout <= 0 {
			out := append([]json.RawMessage(nil), s.queue[:min(limit, len(s.queue))]...)
			s.endPollLocked(me)
			s.mu.Unlock()
			return out, nil
		}
		notify := s.notify
		s.mu.Unlock()
		select {
		case <-notify:
			s.mu.Lock()
		case <-deadline:
			s.mu.Lock()
			timeout = 0
		case <-me:
			return nil, &apiErr{code: 409, desc: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		case <-r.Context().Done():
			s.mu.Lock()
			s.endPollLocked(me)
			s.mu.Unlock()
			return []json.RawMessage{}, nil
		}
	}
}

// confirmLocked drops updates below offset, as Telegram does.
func (s *Server) confirmLocked(offset int) {
	if offset <= 0 {
		return
	}
	for len(s.queueIDs) > 0 && s.queueIDs[0] < offset {
		s.queue, s.queueIDs = s.queue[1:], s.queueIDs[1:]
	}
}

// endPollLocked forgets poller me if it is still the current one.
func (s *Server) endPollLocked(me chan struct{}) {
	if s.poller == me {
		s.poller = nil
	}
}

// setWebhook records the webhook; an empty url deletes it.
func (s *Server) setWebhook(p map[string]string) (any, *apiErr) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p["url"] == "" {
		s.webhook = nil
		return true, nil
	}
	if !strings.HasPrefix(p["url"], "http") {
		return nil, &apiErr{code: 400, desc: "Bad Request: bad webhook: invalid webhook URL specified"}
	}
	s.webhook = p
	return true, nil
}

// send stores a new message in its chat.
func (s *Server) send(method string, p map[string]string) (any, *apiErr) {
	chat, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		return nil, &apiErr{code: 400, desc: "Bad Request: chat not found"}
	}
	if method == "sendMessage" && strings.TrimSpace(p["text"]) == "" {
		return nil, &apiErr{code: 400, desc: "Bad Request: message text is empty"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blocked[chat] {
		return nil, &apiErr{code: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	s.msgID++
	m := &Sent{ID: s.msgID, Chat: chat, Method: method, Text: p["text"], Markup: p["reply_markup"], Params: p, Versions: 1}
	s.msgs[chat] = append(s.msgs[chat], m)
	return messageResult(m), nil
}

// copyMessage stores a copy of message message_id of from_chat_id in chat_id (the fake keeps
// no media: Params say which message was copied) and returns its MessageId, as Telegram does.
func (s *Server) copyMessage(p map[string]string) (any, *apiErr) {
	if p["from_chat_id"] == "" || p["message_id"] == "" {
		return nil, &apiErr{code: 400, desc: "Bad Request: message to copy not found"}
	}
	res, e := s.send("copyMessage", p)
	if e != nil {
		return nil, e
	}
	return map[string]any{"message_id": res.(map[string]any)["message_id"]}, nil
}

// edit replaces a message's text and inline keyboard.
func (s *Server) edit(p map[string]string) (any, *apiErr) {
	chat, _ := strconv.ParseInt(p["chat_id"], 10, 64)
	id, _ := strconv.Atoi(p["message_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blocked[chat] {
		return nil, &apiErr{code: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	for _, m := range s.msgs[chat] {
		if m.ID != id || m.Method != "sendMessage" {
			continue
		}
		if m.Text == p["text"] && m.Markup == p["reply_markup"] {
			return nil, &apiErr{code: 400, desc: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}
		}
		m.Text, m.Markup, m.Params = p["text"], p["reply_markup"], p
		m.Versions++
		return messageResult(m), nil
	}
	return nil, &apiErr{code: 400, desc: "Bad Request: message to edit not found"}
}

// editMarkup replaces only a message's inline keyboard (none when reply_markup is empty).
func (s *Server) editMarkup(p map[string]string) (any, *apiErr) {
	chat, _ := strconv.ParseInt(p["chat_id"], 10, 64)
	id, _ := strconv.Atoi(p["message_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.msgs[chat] {
		if m.ID == id && m.Method == "sendMessage" {
			m.Markup = p["reply_markup"]
			m.Versions++
			return messageResult(m), nil
		}
	}
	return nil, &apiErr{code: 400, desc: "Bad Request: message to edit not found"}
}

// messageResult is the Message object Telegram returns for m.
func messageResult(m *Sent) map[string]any {
	return map[string]any{
		"message_id": m.ID, "date": time.Now().Unix(), "text": m.Text,
		"chat": map[string]any{"id": m.Chat, "type": "private"},
	}
}
