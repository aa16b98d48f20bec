package health

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fixed returns a check that always answers err.
func fixed(name string, err error) Check {
	return Check{Name: name, Probe: func(context.Context) error { return err }}
}

func TestHandler(t *testing.T) {
	secretErr := errors.New("dial redis://user:hunter2@redis:6379 refused")
	tests := []struct {
		name     string
		checks   []Check
		path     string
		code     int
		contains string
		absent   string
	}{
		{"healthz with failing checks", []Check{fixed("redis", secretErr)}, "/healthz", 200, "ok", ""},
		{"readyz no checks", nil, "/readyz", 200, "ready", ""},
		{"readyz all pass", []Check{fixed("redis", nil), fixed("catalog", nil)}, "/readyz", 200, "ready", ""},
		{"readyz one fails", []Check{fixed("redis", secretErr), fixed("catalog", nil)}, "/readyz", 503, "not ready: redis\n", "hunter2"},
		{"readyz lists all failing", []Check{fixed("redis", secretErr), fixed("catalog", nil), fixed("telegram", secretErr)},
			"/readyz", 503, "redis, telegram", "catalog"},
		{"readyz panicking check", []Check{{Name: "boom", Probe: func(context.Context) error { panic("x") }}},
			"/readyz", 503, "boom", ""},
		{"readyz nil probe", []Check{{Name: "empty"}}, "/readyz", 503, "empty", ""},
		{"readyz check honours timeout", []Check{{Name: "slow", Probe: func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		}}}, "/readyz", 503, "slow", ""},
		{"unknown path", nil, "/nope", 404, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			Handler(tc.checks...).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			body := rec.Body.String()
			if rec.Code != tc.code || !strings.Contains(body, tc.contains) {
				t.Errorf("got %d %q, want %d containing %q", rec.Code, body, tc.code, tc.contains)
			}
			if tc.absent != "" && strings.Contains(body, tc.absent) {
				t.Errorf("body %q shows %q", body, tc.absent)
			}
		})
	}
}

func TestLatch(t *testing.T) {
	var l Latch
	c := l.Check("telegram")
	steps := []struct {
		name string
		set  func()
		ok   bool
	}{
		{"unset", func() {}, false},
		{"failed", func() { l.Set(errors.New("getMe failed")) }, false},
		{"succeeded", func() { l.Set(nil) }, true},
	}
	for _, s := range steps {
		s.set()
		if err := c.Probe(context.Background()); (err == nil) != s.ok {
			t.Errorf("%s: probe error %v, want ok=%t", s.name, err, s.ok)
		}
	}
}

func TestMux(t *testing.T) {
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "samayoon_up 1\n") })
	tests := []struct {
		name    string
		metrics http.Handler
		path    string
		code    int
	}{
		{"healthz", nil, "/healthz", 200},
		{"readyz", nil, "/readyz", 503},
		{"metrics mounted", metrics, "/metrics", 200},
		{"metrics elsewhere", nil, "/metrics", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mux := Mux(tc.metrics, fixed("redis", errors.New("down")))
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.code {
				t.Errorf("got %d, want %d", rec.Code, tc.code)
			}
		})
	}
}
