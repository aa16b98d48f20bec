// Package health serves /healthz (the process is alive) and /readyz (every dependency is usable)
// so an orchestrator restarts a stuck bot and routes webhook traffic only to ready replicas.
package health

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// CheckTimeout bounds each readiness check so a hung dependency reads as "not ready", not a hung probe.
const CheckTimeout = 2 * time.Second

// Check is one named readiness condition; Probe returns nil when it holds.
type Check struct {
	Name  string
	Probe func(ctx context.Context) error
}

// Handler serves GET /healthz (always 200 while serving) and GET /readyz (200 only if all checks pass).
func Handler(checks ...Check) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		failing := Failing(r.Context(), checks)
		if len(failing) == 0 {
			writeText(w, http.StatusOK, "ready\n")
			return
		}
		writeText(w, http.StatusServiceUnavailable, "not ready: "+strings.Join(failing, ", ")+"\n")
	})
	return mux
}

// Failing runs every check concurrently and returns the names of those that fail, in order.
// Only names are returned: error texts may hold addresses or credentials and are not shown.
func Failing(ctx context.Context, checks []Check) []string {
	results := make([]error, len(checks))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, CheckTimeout)
			defer cancel()
			results[i] = run(cctx, c)
		})
	}
	wg.Wait()
	var failing []string
	for i, err := range results {
		if err != nil {
			failing = append(failing, checks[i].Name)
		}
	}
	return failing
}

// run calls one check, turning a missing probe or a panic into a failure.
func run(ctx context.Context, c Check) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("health: check %s panicked", c.Name)
		}
	}()
	if c.Probe == nil {
		return errors.New("health: no probe")
	}
	return c.Probe(ctx)
}

// writeText writes a short plain-text answer that caches never keep.
func writeText(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}

// Latch is a readiness condition set once by the program (e.g. "Telegram answered getMe at start").
type Latch struct {
	mu  sync.Mutex
	set bool
	err error
}

// Set records the outcome; nil means the condition holds.
func (l *Latch) Set(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.set, l.err = true, err
}

// Check returns a readiness check that fails until Set(nil) has been called.
func (l *Latch) Check(name string) Check {
	return Check{Name: name, Probe: func(context.Context) error {
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.set {
			return errors.New("health: not checked yet")
		}
		return l.err
	}}
}
