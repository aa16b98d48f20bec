package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Retry and timeout policy of the sender.
const (
	sendTimeout     = 20 * time.Second // one HTTP call, except long polls
	maxAttempts     = 6                // per call, for 5xx and network errors
	max429Attempts  = 12               // per call, for 429 answers
	backoffBase     = 100 * time.Millisecond
	backoffMax      = 5 * time.Second
	maxRetryAfter   = 5 * time.Minute // a longer 429 wait gives up the call
	maxResponseBody = 32 << 20
	maxGates        = 10000 // past this many 429 gates, expired ones are swept
	maxConns        = 96    // HTTP connections to the Bot API (workers, button answers, the poll)
)

// sender is the one path for every Bot API call: timeouts, redaction, 429 gates per chat,
// capped backoff for 5xx and network errors, and no retry for final answers.
type sender struct {
	base  string // APIURL + "/bot" + token + "/"
	token string
	// rt is used without an http.Client, which cloned every request's headers for redirects
	// the Bot API never makes; every call has its own deadline.
	rt  http.RoundTripper
	obs Observer
	now func() time.Time

	mu    sync.Mutex
	gates map[string]time.Time // chat -> no call before this instant (429 retry_after)
	pace  *pacer
}

// newSender returns a sender for the API at apiURL.
func newSender(apiURL, token string, rt http.RoundTripper, obs Observer, now func() time.Time, burst int) *sender {
	return &sender{
		base: strings.TrimRight(apiURL, "/") + "/bot" + token + "/", token: token,
		rt: rt, obs: obs, now: now, gates: map[string]time.Time{}, pace: newPacer(burst),
	}
}

// call runs method with retries; chat ("" for bot-wide calls) keys the 429 gate.
func (s *sender) call(ctx context.Context, chat, method string, p tgbotapi.Params) (answer, error) {
	return s.callTimeout(ctx, chat, method, p, sendTimeout)
}

// callTimeout is call with an explicit per-attempt timeout (long polls need more).
func (s *sender) callTimeout(ctx context.Context, chat, method string, p tgbotapi.Params, timeout time.Duration) (answer, error) {
	var tries, tries429 int
	if paced(method) {
		if err := pause(ctx, s.pace.take(chat, s.now())); err != nil {
			return nil, fmt.Errorf("telegram %s: %w", method, err)
		}
	}
	for {
		if err := pause(ctx, s.gateWait(chat)); err != nil {
			return nil, fmt.Errorf("telegram %s: %w", method, err)
		}
		res, err := s.once(ctx, method, p, timeout)
		if err == nil {
			return res, nil
		}
		var ae *apiError
		switch {
		case errors.As(err, &ae) && ae.Code == http.StatusTooManyRequests:
			tries429++
			wait := time.Duration(max(ae.RetryAfter, 1)) * time.Second
			s.obs.RetryAfter(wait)
			s.setGate(chat, wait+jitter()) // also holds the chat's next calls if this one gives up
			if paced(method) {
				s.pace.limitedHit(chat, s.now())
			}
			if tries429 >= max429Attempts || wait > maxRetryAfter {
				return nil, err
			}
		case retryable(err):
			tries++
			if tries >= maxAttempts || ctx.Err() != nil {
				return nil, err
			}
			if perr := pause(ctx, backoff(tries)); perr != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
}

// retryable reports errors worth another try: 5xx answers and transport failures.
func retryable(err error) bool {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Code >= 500
	}
	var ne *netError
	return errors.As(err, &ne)
}

// backoff is the capped exponential wait before retry number n (1-based).
func backoff(n int) time.Duration {
	d := backoffBase << min(n-1, 10)
	return min(d, backoffMax)
}

// jitter spreads the retries of chats that got a 429 at the same moment (a bot-wide
// limit), so they do not all come back in the same millisecond.
func jitter() time.Duration { return time.Duration(rand.Int64N(int64(250 * time.Millisecond))) }

// gateWait is how long chat must still wait after a 429.
func (s *sender) gateWait(chat string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.gates[chat]
	if !ok {
		return 0
	}
	d := until.Sub(s.now())
	if d <= 0 {
		delete(s.gates, chat)
	}
	return d
}

// setGate holds every call for chat until wait has passed.
func (s *sender) setGate(chat string, wait time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if len(s.gates) > maxGates {
		for c, t := range s.gates {
			if !t.After(now) {
				delete(s.gates, c)
			}
		}
	}
	until := now.Add(wait)
	if until.After(s.gates[chat]) {
		s.gates[chat] = until
	}
}

// once makes one HTTP call and decodes Telegram's envelope.
func (s *sender) once(ctx context.Context, method string, p tgbotapi.Params, timeout time.Duration) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+method, bytes.NewReader(encodeJSON(p)))
	if err != nil {
		return nil, sanitize(method, err, s.token)
	}
	req.Header["Content-Type"] = jsonContentType
	resp, err := s.rt.RoundTrip(req)
	if err != nil {
		s.obs.APICall(method, 0)
		return nil, sanitize(method, err, s.token)
	}
	defer resp.Body.Close()
	body, err := readAnswer(resp, wantsResult(method))
	if err != nil {
		s.obs.APICall(method, 0)
		return nil, sanitize(method, err, s.token)
	}
	return s.decode(method, resp.StatusCode, body)
}

// jsonContentType is the Content-Type header of every call, shared: setting it through
// Header.Set allocated a canonical key and a slice per call.
var jsonContentType = []string{"application/json"}

// wantsResult reports whether a method's caller reads the answer's result beyond the
// sent message's id (which the first bytes carry).
func wantsResult(method string) bool {
	return method == "getUpdates" || method == "getMe"
}

// answerHead is how much of a successful answer is kept when its result is not wanted:
// enough for `{"ok":true,"result":{"message_id":N,`.
const answerHead = 96

// readAnswer reads an answer: whole when the result is wanted, the call failed (the error
// is described) or the result is not a message, else only its head with the message id, the
// rest drained so the connection is reused (the message Telegram echoes back, keyboard
// included, was most of what the bot read and allocated).
func readAnswer(resp *http.Response, whole bool) ([]byte, error) {
	if whole {
		return readBody(resp)
	}
	head := make([]byte, answerHead)
	n, err := io.ReadFull(resp.Body, head)
	head = head[:n]
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return head, nil
	case err != nil:
		return head, err
	case !bytes.HasPrefix(head, sentPrefix): // an error, or a result shaped otherwise
		rest, err := readBody(resp)
		return append(head, rest...), err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBody))
	return head, err
}

// readBody reads an answer in one allocation when its length is announced.
func readBody(resp *http.Response) ([]byte, error) {
	return readSized(io.LimitReader(resp.Body, maxResponseBody), resp.ContentLength, maxResponseBody)
}

// readSized reads r to the end, in one allocation when the announced size n (-1: unknown)
// is under limit; io.ReadAll grew its buffer several times for a 1 KB update.
func readSized(r io.Reader, n, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if n > 0 && n < limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// decode reads the {"ok":...} envelope; a non-JSON 5xx (a proxy page) counts as that code.
// A success is recognised by its first key without parsing the rest: the message Telegram
// echoes back (its keyboard included) is read only by the callers that need part of it.
func (s *sender) decode(method string, status int, body []byte) (answer, error) {
	if bytes.HasPrefix(body, okPrefix) {
		s.obs.APICall(method, http.StatusOK)
		return answer(body), nil
	}
	var r tgbotapi.APIResponse
	if err := json.Unmarshal(body, &r); err != nil || (!r.Ok && r.ErrorCode == 0) {
		code := status
		if code < 400 {
			code = http.StatusBadGateway
		}
		s.obs.APICall(method, code)
		return nil, &apiError{Method: method, Code: code, Description: "unreadable answer (HTTP " + http.StatusText(status) + ")"}
	}
	if !r.Ok {
		s.obs.APICall(method, r.ErrorCode)
		ae := &apiError{Method: method, Code: r.ErrorCode, Description: Redact(r.Description, s.token)}
		if r.Parameters != nil {
			ae.RetryAfter = r.Parameters.RetryAfter
		}
		return nil, ae
	}
	s.obs.APICall(method, http.StatusOK)
	return answer(body), nil
}

// defaultTransport bounds connections and their handshakes; the calls' contexts bound the
// rest (long polls hold the answer's header for up to the poll timeout).
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	// As many connections as may stay idle: past MaxIdleConnsPerHost, a burst dialled new
	// connections that were closed right after (11 % of the allocations, and fresh goroutine
	// stacks to grow, in a 2,000-user run); calls beyond the bound wait for a free one.
	t.MaxConnsPerHost, t.MaxIdleConnsPerHost, t.MaxIdleConns = maxConns, maxConns, maxConns
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 0
	// Answers are small JSON: asking for gzip cost a header per call and inflating it CPU,
	// to save bytes on the server's own link (users' data is not concerned).
	t.DisableCompression = true
	return t
}
