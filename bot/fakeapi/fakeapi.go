// Package fakeapi is an in-process fake of the Telegram Bot API for tests: it answers
// getMe, getUpdates (with real offset semantics and long polling), setWebhook,
// deleteWebhook and the send, edit and copy methods, records every call, and can inject 429
// (with retry_after), 500 and 403 answers. It reads JSON bodies and forms (the library's).
package fakeapi

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Call is one recorded API call.
type Call struct {
	Method string
	Params map[string]string
	Code   int // HTTP status answered
	At     time.Time
}

// Fault is an error answer to inject into the next Times calls of a method.
type Fault struct {
	Code        int    // 429, 500, 403...
	Description string // default: a realistic text for the code
	RetryAfter  int    // seconds, for 429
	Times       int    // default 1
	RawBody     string // answer this body as is (e.g. a proxy's HTML page) instead of JSON
}

// Sent is a message the bot sent or edited, as the user's chat shows it now.
type Sent struct {
	ID       int
	Chat     int64
	Method   string // sendMessage, sendVenue, sendContact, copyMessage
	Text     string // as sent (HTML)
	Markup   string // reply_markup JSON, "" when none
	Params   map[string]string
	Versions int // 1 + number of edits
}

// Server is the fake; create it with New and Close it after the test.
type Server struct {
	Token string
	srv   *httptest.Server

	mu       sync.Mutex
	calls    []Call
	queue    []json.RawMessage // pending updates, ascending ids
	queueIDs []int
	nextID   int
	notify   chan struct{} // closed and replaced when updates arrive
	poller   chan struct{} // closed to end the current long poll with 409
	faults   map[string][]Fault
	blocked  map[int64]bool
	msgs     map[int64][]*Sent
	msgID    int
	webhook  map[string]string // setWebhook params; nil when none
	answered map[string]int    // callback query id -> answers
}

// New starts a fake that accepts token.
func New(token string) *Server {
	s := &Server{
		Token: token, nextID: 1000, notify: make(chan struct{}),
		faults: map[string][]Fault{}, blocked: map[int64]bool{},
		msgs: map[int64][]*Sent{}, answered: map[string]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to give the bot (no /bot suffix).
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Fail makes the next f.Times calls of method answer with f's error.
func (s *Server) Fail(method string, f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], f)
}

// Block makes sends to chat fail with 403, as when the user blocked the bot.
func (s *Server) Block(chat int64, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chat] = on
}

// serve routes /bot<token>/<method>.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || token != s.Token {
		s.write(w, Call{Method: method}, nil, &apiErr{code: 401, desc: "Unauthorized"})
		return
	}
	c := Call{Method: method, Params: readParams(r), At: time.Now()}
	if e := s.takeFault(method); e != nil {
		s.write(w, c, nil, e)
		return
	}
	res, e := s.dispatch(r, c)
	s.write(w, c, res, e)
}

// readParams reads a call's parameters as Telegram does: from the query, then a JSON body
// (a string value as it is, any other value as its JSON text) or a form body.
func readParams(r *http.Request) map[string]string {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		var obj map[string]json.RawMessage
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		_ = json.Unmarshal(body, &obj)
		for k, v := range obj {
			var s string
			if json.Unmarshal(v, &s) != nil {
				s = string(v)
			}
			params[k] = s
		}
		return params
	}
	_ = r.ParseForm()
	for k, v := range r.Form {
		params[k] = v[0]
	}
	return params
}

// apiErr is an error answer.
type apiErr struct {
	code       int
	desc       string
	retryAfter int
	raw        string
}

// dispatch runs one method.
func (s *Server) dispatch(r *http.Request, c Call) (any, *apiErr) {
	p := c.Params
	switch strings.ToLower(c.Method) {
	case "getme":
		return map[string]any{"id": 777000111, "is_bot": true, "first_name": "Sama Yoon", "username": "SamaYoonTestBot"}, nil
	case "getupdates":
		return s.getUpdates(r, p)
	case "setwebhook":
		return s.setWebhook(p)
	case "deletewebhook":
		s.mu.Lock()
		s.webhook = nil
		s.mu.Unlock()
		return true, nil
	case "sendmessage", "sendvenue", "sendcontact":
		return s.send(c.Method, p)
	case "editmessagetext":
		return s.edit(p)
	case "editmessagereplymarkup":
		return s.editMarkup(p)
	case "copymessage":
		return s.copyMessage(p)
	case "answercallbackquery":
		s.mu.Lock()
		s.answered[p["callback_query_id"]]++
		s.mu.Unlock()
		return true, nil
	case "setmycommands", "deletemycommands":
		return true, nil
	}
	return nil, &apiErr{code: 404, desc: "Not Found: method not found"}
}

// takeFault pops an injected fault for method, if any.
func (s *Server) takeFault(method string) *apiErr {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.faults[method]
	if len(fs) == 0 {
		return nil
	}
	f := &fs[0]
	f.Times--
	e := &apiErr{code: f.Code, desc: f.Description, retryAfter: f.RetryAfter, raw: f.RawBody}
	if f.Times <= 0 {
		s.faults[method] = fs[1:]
	}
	if e.desc == "" {
		e.desc = defaultDescription(e.code, e.retryAfter)
	}
	return e
}

// defaultDescription is Telegram's usual text for code.
func defaultDescription(code, retryAfter int) string {
	switch code {
	case 429:
		return "Too Many Requests: retry after " + strconv.Itoa(retryAfter)
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 500:
		return "Internal Server Error"
	}
	return http.StatusText(code)
}

// write answers with Telegram's envelope and records the call.
func (s *Server) write(w http.ResponseWriter, c Call, res any, e *apiErr) {
	body := map[string]any{"ok": true, "result": res}
	c.Code = http.StatusOK
	if e != nil {
		c.Code = e.code
		body = map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
		if e.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": e.retryAfter}
		}
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
	if e != nil && e.raw != "" {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(c.Code)
		_, _ = w.Write([]byte(e.raw))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(c.Code)
	_ = json.NewEncoder(w).Encode(body)
}

// Calls returns the recorded calls of method ("" for all), in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// Answered reports how many times a callback query was answered.
func (s *Server) Answered(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.answered[id]
}

// Messages returns copies of the messages in chat, oldest first.
func (s *Server) Messages(chat int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Sent, 0, len(s.msgs[chat]))
	for _, m := range s.msgs[chat] {
		out = append(out, *m)
	}
	return out
}

// Webhook returns the registered webhook's parameters (url, secret_token,
// allowed_updates, max_connections), or nil.
func (s *Server) Webhook() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}
