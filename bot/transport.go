package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Retry and timeout policy of the Bot API transport.
const (
	sendTimeout    = 20 * time.Second // one attempt, except long polls
	pollGrace      = 15 * time.Second // a long poll's attempt: its timeout plus this
	maxAttempts    = 6                // per call, for 5xx and network errors
	max429Attempts = 12               // per call other than a message or edit, for 429 answers
	backoffBase    = 100 * time.Millisecond
	backoffMax     = 5 * time.Second
	maxRetryAfter  = 5 * time.Minute // a longer 429 wait gives up the call
	maxErrorBody   = 64 << 10        // an error answer is a line of JSON; more is a proxy page
	maxGates       = 10000           // past this many 429 gates, expired ones are swept
	maxConns       = 32              // HTTP connections to the Bot API: Telegram takes about 30 messages a second from a bot; each costs 2 goroutines and 8 kB of buffers
)

// apiTransport makes the library's requests (ctxClient). tgbotapi makes one
// attempt per call; this adds what Telegram asks of a bot: it waits out retry_after on a
// 429 (holding that chat's later calls too), retries 5xx and network errors with capped
// backoff, paces messages per chat (and overall while Telegram limits the bot), bounds
// every attempt with a deadline and reports each attempt to the Observer. Other error
// answers (400, 403...) are final and go back to the library as they came.
type apiTransport struct {
	next http.RoundTripper
	obs  Observer
	now  func() time.Time
	pace *pacer

	mu    sync.Mutex
	gates map[string]time.Time // chat or method -> no call before this instant (429 retry_after)
}

// newTransport wraps next (nil: defaultTransport).
func newTransport(next http.RoundTripper, obs Observer, now func() time.Time, burst int) *apiTransport {
	if next == nil {
		next = defaultTransport()
	}
	return &apiTransport{next: next, obs: obs, now: now, pace: newPacer(burst), gates: map[string]time.Time{}}
}

// apiRequest is one call as the transport sees it: the form is read once, for its key and
// deadline, and sent again on each attempt.
type apiRequest struct {
	ctx     context.Context
	req     *http.Request
	method  string
	body    string
	key     string // 429 gate and pacing: "tg:<chat_id>", or the method for calls without a chat
	timeout time.Duration
}

// getBody is the body again, for net/http's own retry on a connection found closed.
func (r *apiRequest) getBody() (io.ReadCloser, error) { return newBodyReader(r.body), nil }

// newBodyReader reads s; net/http writes a body it knows to be in memory (a strings.Reader
// behind io.NopCloser) with the request's header, in one write.
func newBodyReader(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }

// readRequest reads the library's form-encoded request: the body as one string, and only
// the two fields the transport needs (parsing the whole form unescaped every field, the
// reply_markup JSON included, on every call).
func readRequest(ctx context.Context, req *http.Request) (*apiRequest, error) {
	r := &apiRequest{ctx: ctx, req: req, method: path.Base(req.URL.Path), timeout: sendTimeout}
	if req.Body != nil {
		body, err := readBody(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		r.body = body
	}
	r.key = r.method
	if chat := formValue(r.body, "chat_id"); chat != "" {
		r.key = "tg:" + chat
	}
	if r.method == "getUpdates" {
		secs, _ := strconv.Atoi(formValue(r.body, "timeout"))
		r.timeout = time.Duration(secs)*time.Second + pollGrace
	}
	return r, nil
}

// readBody reads a request body as a string. The library's body is a strings.Reader, which
// hands over its string itself (io.WriterTo to an io.StringWriter): no copy.
func readBody(body io.Reader) (string, error) {
	var c bodyCatcher
	if _, err := io.Copy(&c, body); err != nil {
		return "", err
	}
	if c.buf != nil {
		return string(c.buf), nil
	}
	return c.s, nil
}

// bodyCatcher keeps a string written to it whole, or collects other writes.
type bodyCatcher struct {
	s   string
	buf []byte
}

// WriteString keeps s when it is the first and only write.
func (c *bodyCatcher) WriteString(s string) (int, error) {
	if c.buf == nil && c.s == "" {
		c.s = s
		return len(s), nil
	}
	return c.Write([]byte(s))
}

// Write collects p after what was written before.
func (c *bodyCatcher) Write(p []byte) (int, error) {
	if c.buf == nil {
		c.buf = append([]byte(c.s), p...)
		c.s = ""
		return len(p), nil
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

// formValue is the first value of key in a url-encoded form, "" if absent or malformed.
func formValue(form, key string) string {
	for len(form) > 0 {
		var pair string
		pair, form, _ = strings.Cut(form, "&")
		name, value, _ := strings.Cut(pair, "=")
		if name != key {
			continue
		}
		if !strings.ContainsAny(value, "%+") {
			return value
		}
		v, err := url.QueryUnescape(value)
		if err != nil {
			return ""
		}
		return v
	}
	return ""
}

// RoundTrip makes one Bot API call under the request's context.
func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.roundTrip(req.Context(), req)
}

// roundTrip makes one Bot API call under ctx, with the retries, waits and pacing above.
func (t *apiTransport) roundTrip(ctx context.Context, req *http.Request) (*http.Response, error) {
	r, err := readRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	if paced(r.method) {
		if err := sleep(ctx, t.pace.take(r.key, t.now())); err != nil {
			return nil, err
		}
		if err := t.pace.awaitTurn(ctx, waitingSince(ctx, t.now()), t.now); err != nil {
			return nil, err
		}
	}
	var tries, tries429 int
	for {
		if err := sleep(ctx, t.gateWait(r.key)); err != nil {
			return nil, err
		}
		resp, code, retryAfter, err := t.once(r)
		switch {
		case err != nil:
			tries++
			if tries >= maxAttempts || ctx.Err() != nil || sleep(ctx, backoff(tries)) != nil {
				return nil, err
			}
		case code == http.StatusTooManyRequests:
			tries429++
			wait := time.Duration(max(retryAfter, 1)) * time.Second
			t.obs.RetryAfter(wait)
			if paced(r.method) { // the retry keeps to the overall rate too
				t.pace.limitedHit(r.key, t.now())
				wait = max(wait, t.pace.retake(t.now()))
			}
			t.setGate(r.key, wait+jitter()) // also holds the chat's next calls if this one gives up
			// A message or edit is never given up while its chat waits for it (ctx ends that);
			// other calls stop after max429Attempts.
			if (!paced(r.method) && tries429 >= max429Attempts) || wait > maxRetryAfter {
				return resp, nil
			}
		case code >= 500:
			tries++
			if tries >= maxAttempts || ctx.Err() != nil || sleep(ctx, backoff(tries)) != nil {
				return resp, nil
			}
		default:
			if code == http.StatusOK && paced(r.method) {
				t.pace.delivered(t.now())
			}
			return resp, nil
		}
	}
}

// once makes one attempt under its own deadline. A 200 answer goes to the library as it
// streams (its body ends the deadline when closed); any other is read here, for its code
// and retry_after, and handed on as Telegram's JSON error (a proxy's page becomes one).
func (t *apiTransport) once(r *apiRequest) (resp *http.Response, code, retryAfter int, err error) {
	ctx, cancel := context.WithTimeout(r.ctx, r.timeout)
	req := r.req.WithContext(ctx)
	req.Body, req.ContentLength = newBodyReader(r.body), int64(len(r.body))
	req.GetBody = r.getBody
	resp, err = t.next.RoundTrip(req)
	if err != nil {
		cancel()
		t.obs.APICall(r.method, 0)
		return nil, 0, 0, err
	}
	if resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.obs.APICall(r.method, http.StatusOK)
		if use := answerUse(r.method); use != 0 {
			resp.Body = trimAnswer(resp.Body, cancel, use)
		} else {
			resp.Body = cancelBody{ReadCloser: resp.Body, cancel: cancel}
		}
		return resp, http.StatusOK, 0, nil
	}
	defer cancel()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_ = resp.Body.Close()
	if err != nil {
		t.obs.APICall(r.method, 0)
		return nil, 0, 0, err
	}
	ans := errorAnswer(resp.StatusCode, body)
	t.obs.APICall(r.method, ans.ErrorCode)
	if ans.Parameters != nil {
		retryAfter = ans.Parameters.RetryAfter
	}
	return answerResponse(req, ans), ans.ErrorCode, retryAfter, nil
}

// errorAnswer decodes a non-200 answer; one that is not Telegram's JSON counts as its HTTP
// status (502 when that is not an error).
func errorAnswer(status int, body []byte) tgbotapi.APIResponse {
	var ans tgbotapi.APIResponse
	if err := json.Unmarshal(body, &ans); err == nil && (ans.Ok || ans.ErrorCode != 0) {
		if ans.Ok {
			ans.ErrorCode = http.StatusOK
		}
		return ans
	}
	code := status
	if code < 400 {
		code = http.StatusBadGateway
	}
	return tgbotapi.APIResponse{ErrorCode: code, Description: "unreadable answer (HTTP " + http.StatusText(status) + ")"}
}

// answerResponse is the response the library decodes for ans.
func answerResponse(req *http.Request, ans tgbotapi.APIResponse) *http.Response {
	body, _ := json.Marshal(ans)
	return &http.Response{
		StatusCode: ans.ErrorCode, Status: strconv.Itoa(ans.ErrorCode) + " " + http.StatusText(ans.ErrorCode),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: req,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
	}
}

// What the bot reads of a successful answer: nothing for an edit or a button's answer, only
// the message_id of a message it sent. An edit's answer echoes the whole message, keyboard
// included: decoding it cost the library more CPU than the rest of the call.
const (
	readNothing = iota + 1
	readMessageID
)

// answerUse is what the bot reads of method's result, 0: all of it.
func answerUse(method string) int {
	switch method {
	case "editMessageText", "answerCallbackQuery", "setMyCommands", "deleteMyCommands":
		return readNothing
	case "sendMessage", "sendVenue", "sendContact", "copyMessage":
		return readMessageID
	}
	return 0
}

// The first bytes of Telegram's successful answers, and what the library then gets.
const (
	okPrefix   = `{"ok":true,`
	sentPrefix = `{"ok":true,"result":{"message_id":`
	okAnswer   = `{"ok":true,"result":true}`
)

// trimAnswer reads only the start of a successful answer and hands the library okAnswer
// (readNothing) or the message_id alone (readMessageID); the rest is discarded. An answer
// that starts otherwise is handed on whole.
func trimAnswer(body io.ReadCloser, cancel context.CancelFunc, use int) io.ReadCloser {
	prefix := okPrefix
	if use == readMessageID {
		prefix = sentPrefix
	}
	short := &shortAnswer{}
	n, _ := io.ReadAtLeast(body, short.head[:], len(prefix))
	head := short.head[:n]
	answer, ok := trimmed(head, prefix, use)
	if !ok {
		rest := io.MultiReader(bytes.NewReader(head), body)
		return cancelBody{ReadCloser: readCloser{Reader: rest, Closer: body}, cancel: cancel}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxErrorBody))
	_ = body.Close()
	cancel()
	short.Reset(answer)
	return short
}

// shortAnswer is what the library reads of a trimmed answer, with the buffer the answer's
// first bytes were read into (one allocation per call).
type shortAnswer struct {
	head [64]byte
	strings.Reader
}

// Close does nothing: the answer's body was closed when it was trimmed.
func (*shortAnswer) Close() error { return nil }

// trimmed is the short answer for head, false when head does not start as expected.
func trimmed(head []byte, prefix string, use int) (string, bool) {
	if !bytes.HasPrefix(head, []byte(prefix)) {
		return "", false
	}
	if use == readNothing {
		return okAnswer, true
	}
	rest := head[len(prefix):]
	end := bytes.IndexAny(rest, ",}")
	if end < 1 || strings.Trim(string(rest[:end]), "0123456789") != "" {
		return "", false
	}
	return sentPrefix + string(rest[:end]) + "}}", true
}

// readCloser joins a reader to the body it must close.
type readCloser struct {
	io.Reader
	io.Closer
}

// cancelBody ends an attempt's deadline once the library has read the answer; the rest of
// the body is drained so the connection is reused.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close drains a little, closes and ends the deadline.
func (b cancelBody) Close() error {
	_, _ = io.Copy(io.Discard, io.LimitReader(b.ReadCloser, 4<<10))
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// backoff is the capped exponential wait before retry number n (1-based).
func backoff(n int) time.Duration {
	d := backoffBase << min(n-1, 10)
	return min(d, backoffMax)
}

// jitter spreads the retries of chats that got a 429 at the same moment (a bot-wide
// limit), so they do not all come back in the same millisecond.
func jitter() time.Duration { return time.Duration(rand.Int64N(int64(250 * time.Millisecond))) }

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// gateWait is how long key must still wait after a 429.
func (t *apiTransport) gateWait(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	until, ok := t.gates[key]
	if !ok {
		return 0
	}
	d := until.Sub(t.now())
	if d <= 0 {
		delete(t.gates, key)
	}
	return d
}

// setGate holds every call for key until wait has passed.
func (t *apiTransport) setGate(key string, wait time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.gates) > maxGates {
		for k, until := range t.gates {
			if !until.After(now) {
				delete(t.gates, k)
			}
		}
	}
	until := now.Add(wait)
	if until.After(t.gates[key]) {
		t.gates[key] = until
	}
}

// defaultTransport bounds connections and their handshakes; the attempts' deadlines bound
// the rest (long polls hold the answer's header for up to the poll timeout).
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	// As many connections may stay idle as may be busy: past MaxIdleConnsPerHost, a burst
	// dials connections that are closed right after; calls beyond the bound wait for one.
	t.MaxConnsPerHost, t.MaxIdleConnsPerHost, t.MaxIdleConns = maxConns, maxConns, maxConns
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 0
	// Answers are small JSON: inflating gzip would cost more CPU than it saves bytes on the
	// server's own link (users' data is not concerned).
	t.DisableCompression = true
	return t
}
