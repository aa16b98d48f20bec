package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// api is a raw Bot API client: JSON POSTs, no Telegram library.
type api struct {
	base   string // base URL with the token, never logged
	client *http.Client
}

// envelope is the Bot API's answer wrapper.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// apiError is a refused call; its text carries no token.
type apiError struct {
	method     string
	code       int
	desc       string
	retryAfter time.Duration
}

// Error says which method failed and how.
func (e *apiError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.method, e.code, e.desc)
}

// newAPI returns a client whose connection pool fits the worker count.
func newAPI(baseURL, token string, workers int) *api {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = workers + 4
	return &api{
		base:   strings.TrimRight(baseURL, "/") + "/bot" + token + "/",
		client: &http.Client{Transport: t, Timeout: 60 * time.Second},
	}
}

// call runs method with params, retrying a 429 or 5xx a few times; out may be nil.
func (a *api) call(ctx context.Context, method string, params any) error {
	return a.callInto(ctx, method, params, nil)
}

// callInto is call that decodes the result into out.
func (a *api) callInto(ctx context.Context, method string, params any, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("%s: encoding: %w", method, err)
	}
	var last error
	for try := 0; try < 4; try++ {
		last = a.once(ctx, method, body, out)
		var ae *apiError
		if last == nil || !errors.As(last, &ae) || (ae.code != 429 && ae.code < 500) {
			return last
		}
		wait := ae.retryAfter
		if wait == 0 {
			wait = time.Duration(50<<try) * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", method, ctx.Err())
		case <-time.After(wait):
		}
	}
	return last
}

// once makes one HTTP request; transport errors are stripped of the URL (it holds the token).
func (a *api) once(ctx context.Context, method string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base+method, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: building request", method)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) {
			err = ue.Unwrap() // drop the *url.Error wrapper and its URL
		}
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s: decoding answer (HTTP %d): %w", method, resp.StatusCode, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	if !env.OK {
		return &apiError{method: method, code: env.ErrorCode, desc: env.Description,
			retryAfter: time.Duration(env.Parameters.RetryAfter) * time.Second}
	}
	if out != nil {
		if err := json.Unmarshal(env.Result, out); err != nil {
			return fmt.Errorf("%s: decoding result: %w", method, err)
		}
	}
	return nil
}
