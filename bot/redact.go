package bot

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Redact removes every form of the bot token from s, because transport errors quote the
// request URL and the token is part of every Telegram URL.
func Redact(s, token string) string {
	if token == "" {
		return s
	}
	for _, form := range []string{token, url.PathEscape(token), url.QueryEscape(token)} {
		s = strings.ReplaceAll(s, form, "<redacted>")
	}
	return s
}

// netError is a transport failure of one API call, with the token-bearing URL removed.
type netError struct {
	method string
	msg    string
	cause  error
}

// Error says which method failed and why, never with the request URL.
func (e *netError) Error() string { return "telegram " + e.method + ": " + e.msg }

// Unwrap exposes the cause (without the url.Error that holds the URL) for errors.Is.
func (e *netError) Unwrap() error { return e.cause }

// sanitize turns a transport error into a netError whose text cannot contain the token.
func sanitize(method string, err error, token string) error {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	return &netError{method: method, msg: Redact(fmt.Sprint(cause), token), cause: cause}
}

// apiError is an error answer from Telegram ({"ok":false,...}).
type apiError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  int // seconds, from parameters.retry_after
}

// Error includes the method, code and Telegram's description.
func (e *apiError) Error() string {
	return fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
}

// ErrBlocked reports a 403: the user blocked the bot or is deactivated; never retried.
var ErrBlocked = errors.New("chat unreachable: bot blocked or user deactivated")

// Is lets errors.Is(err, ErrBlocked) match a 403 answer.
func (e *apiError) Is(target error) bool { return target == ErrBlocked && e.Code == 403 }

// notModified reports Telegram's "message is not modified" answer, which means success.
func notModified(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.Code == 400 && strings.Contains(ae.Description, "message is not modified")
}
