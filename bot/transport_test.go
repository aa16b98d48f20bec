package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
	"unsafe"
)

func TestReadRequestKeysAndDeadlines(t *testing.T) {
	tests := []struct {
		name, method string
		form         url.Values
		key          string
		timeout      time.Duration
	}{
		{"a send is keyed by its chat", "sendMessage", url.Values{"chat_id": {"-100123"}, "text": {"a"}}, "tg:-100123", sendTimeout},
		{"an escaped chat is read once, not from inside another field", "sendMessage",
			url.Values{"allow_sending_without_reply": {"x&chat_id=9"}, "chat_id": {"@sama yoon+1"}, "reply_markup": {`{"t":"a=b&chat_id=8"}`}},
			"tg:@sama yoon+1", sendTimeout},
		{"a call without a chat by its method", "answerCallbackQuery", url.Values{"callback_query_id": {"9"}}, "answerCallbackQuery", sendTimeout},
		{"a long poll waits its timeout and a grace", "getUpdates", url.Values{"timeout": {"30"}}, "getUpdates", 30*time.Second + pollGrace},
		{"a short poll the grace only", "getUpdates", url.Values{"offset": {"5"}}, "getUpdates", pollGrace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://api/bot"+testToken+"/"+tt.method, strings.NewReader(tt.form.Encode()))
			r, err := readRequest(context.Background(), req)
			if err != nil || r.method != tt.method || r.key != tt.key || r.timeout != tt.timeout || r.body != tt.form.Encode() {
				t.Errorf("readRequest = %+v, %v; want method %s key %s timeout %v", r, err, tt.method, tt.key, tt.timeout)
			}
		})
	}
}

// TestReadBody: a request body is read whole whatever its reader, and the library's own
// (a strings.Reader behind io.NopCloser) without a copy.
func TestReadBody(t *testing.T) {
	form := "chat_id=5&text=" + strings.Repeat("%C3%A9", 3000)
	tests := []struct {
		name   string
		body   io.Reader
		copied bool
	}{
		{"the library's body", io.NopCloser(strings.NewReader(form)), false},
		{"a reader of one byte at a time", iotest.OneByteReader(strings.NewReader(form)), true},
		{"a reader that writes in pieces", io.MultiReader(strings.NewReader(form[:7]), strings.NewReader(form[7:])), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readBody(tt.body)
			if err != nil || got != form {
				t.Fatalf("readBody = %.40q, %v; want the form", got, err)
			}
			if same := unsafe.StringData(got) == unsafe.StringData(form); same == tt.copied {
				t.Errorf("readBody shares the form's bytes: %v, want %v", same, !tt.copied)
			}
		})
	}
	if _, err := readBody(iotest.ErrReader(io.ErrUnexpectedEOF)); err == nil {
		t.Error("readBody of a failing reader: no error")
	}
}

// TestAttemptBodyIsInMemory: each attempt's body is one net/http knows to be in memory (a
// strings.Reader behind io.NopCloser), which it writes with the header in one write; with
// any other reader it flushed the header alone first, and copied the body through a 32 kB
// buffer allocated for every call.
func TestAttemptBodyIsInMemory(t *testing.T) {
	var got, again string
	next := roundTripper(func(req *http.Request) (*http.Response, error) {
		got = fmt.Sprintf("%T", req.Body)
		body, _ := req.GetBody()
		again = fmt.Sprintf("%T", body)
		return nil, errors.New("stop")
	})
	tr := newTransport(next, nopObserver{}, time.Now, 3)
	req, _ := http.NewRequest(http.MethodPost, "http://api/bot"+testToken+"/getMe", strings.NewReader("a=b"))
	req = req.WithContext(canceledAfterOneAttempt(t))
	_, _ = tr.RoundTrip(req)
	want := fmt.Sprintf("%T", io.NopCloser(strings.NewReader("")))
	if got != want || again != want {
		t.Errorf("attempt body %s, again %s; want %s", got, again, want)
	}
}

// roundTripper is a RoundTripper from a function.
type roundTripper func(*http.Request) (*http.Response, error)

// RoundTrip calls f.
func (f roundTripper) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// canceledAfterOneAttempt is a context that ends before the transport's first retry.
func canceledAfterOneAttempt(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), backoffBase/2)
	t.Cleanup(cancel)
	return ctx
}

// TestTransportAnswers: what one call through the transport becomes, by Telegram's answers.
func TestTransportAnswers(t *testing.T) {
	tests := []struct {
		name     string
		answers  []string // "CODE BODY", one per attempt; the last repeats
		attempts int
		code     int
		body     string // substring of what the library gets
		retries  int    // RetryAfter reports
	}{
		{"403 is final", []string{`403 {"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`},
			1, 403, "blocked by the user", 0},
		{"400 is final", []string{`400 {"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`},
			1, 400, "chat not found", 0},
		{"a proxy's 502 page is retried", []string{"502 <html>Bad Gateway</html>", `200 {"ok":true,"result":true}`},
			2, 200, `"result":true`, 0},
		{"429 waits retry_after, then retries", []string{`429 {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`,
			`200 {"ok":true,"result":{"message_id":7}}`}, 2, 200, `"message_id":7`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := min(int(n.Add(1)), len(tt.answers)) - 1
				code, body, _ := strings.Cut(tt.answers[i], " ")
				if strings.HasPrefix(body, "{") {
					w.Header().Set("Content-Type", "application/json")
				}
				w.WriteHeader(map[string]int{"200": 200, "400": 400, "403": 403, "429": 429, "502": 502}[code])
				_, _ = io.WriteString(w, body)
			}))
			defer srv.Close()
			obs := newRecorder()
			rt := newTransport(nil, obs, time.Now, 10)
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/bot"+testToken+"/sendMessage", strings.NewReader("chat_id=5&text=a"))
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if int(n.Load()) != tt.attempts || resp.StatusCode != tt.code || !strings.Contains(string(body), tt.body) || len(obs.retries) != tt.retries {
				t.Errorf("%d attempts, answer %d %s, %d retry_after waits; want %d, %d containing %q, %d",
					n.Load(), resp.StatusCode, body, len(obs.retries), tt.attempts, tt.code, tt.body, tt.retries)
			}
		})
	}
}

// TestTrimAnswer: the library gets only what the bot reads of a successful answer, and an
// answer in another shape whole.
func TestTrimAnswer(t *testing.T) {
	echo := `{"ok":true,"result":{"message_id":7,"text":"` + strings.Repeat("x", 5000) + `"}}`
	tests := []struct {
		name, answer string
		use          int
		want         string
	}{
		{"an edit's echoed message is dropped", echo, readNothing, okAnswer},
		{"a bare true stays a bare true", `{"ok":true,"result":true}`, readNothing, okAnswer},
		{"a sent message keeps its id only", echo, readMessageID, `{"ok":true,"result":{"message_id":7}}`},
		{"a copied message's id", `{"ok":true,"result":{"message_id":123456}}`, readMessageID, `{"ok":true,"result":{"message_id":123456}}`},
		{"an id that is not a number is handed on whole", `{"ok":true,"result":{"message_id":"7","x":1}}`, readMessageID, `{"ok":true,"result":{"message_id":"7","x":1}}`},
		{"a message without its id first is handed on whole", `{"ok":true,"result":{"chat":{"id":5},"message_id":7}}`, readMessageID, `{"ok":true,"result":{"chat":{"id":5},"message_id":7}}`},
		{"an answer in another shape is handed on whole", `{ "ok": true, "result": true }`, readNothing, `{ "ok": true, "result": true }`},
		{"a short answer is handed on whole", `{"ok":1}`, readNothing, `{"ok":1}`},
		{"an empty answer stays empty", ``, readMessageID, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cancelled := false
			body := trimAnswer(io.NopCloser(strings.NewReader(tt.answer)), func() { cancelled = true }, tt.use)
			got, _ := io.ReadAll(body)
			_ = body.Close()
			if string(got) != tt.want || !cancelled {
				t.Errorf("trimAnswer = %.60q (deadline ended: %v), want %.60q", got, cancelled, tt.want)
			}
		})
	}
}
