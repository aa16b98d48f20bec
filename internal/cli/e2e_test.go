package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/internal/testutil"
)

const e2eToken = "5300042:AAE2E-run_test_token"

// e2eBuffer is the shared goroutine-safe log sink.
type e2eBuffer = testutil.SyncBuffer

// e2eAddr reserves a free loopback address for the bot to listen on.
func e2eAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// e2eGet returns the status and body of GET url ("" and 0 when unreachable).
func e2eGet(url string) (int, string) {
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// e2eWait polls cond until it holds or 20 s pass.
func e2eWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestRunEndToEnd(t *testing.T) {
	tests := []struct {
		name     string
		webhook  bool
		metricsS bool // metrics on a separate METRICS_ADDR
	}{
		{"polling, metrics on HTTP_ADDR", false, false},
		{"webhook, metrics on METRICS_ADDR", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			redis := redistest.Start(t)
			api := fakeapi.New(e2eToken)
			defer api.Close()
			httpAddr := e2eAddr(t)
			env := map[string]string{
				"TELEGRAM_BOT_TOKEN": e2eToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
				"HTTP_ADDR": httpAddr, "LOG_LEVEL": "debug", "WORKERS": "4",
			}
			metricsAddr := httpAddr
			if tc.metricsS {
				metricsAddr = e2eAddr(t)
				env["METRICS_ADDR"] = metricsAddr
			}
			if tc.webhook {
				env["TELEGRAM_MODE"], env["WEBHOOK_SECRET"] = "webhook", "e2e_secret-1"
				env["WEBHOOK_URL"] = "http://" + httpAddr + "/telegram/hook"
			}
			stderr := e2eRun(t, env, func() {
				e2eChecks(t, api, redis, httpAddr, metricsAddr, tc.webhook)
			})
			e2eLogChecks(t, stderr)
		})
	}
}

// e2eRun starts run like main does, calls body once /healthz answers, then sends SIGTERM
// and expects exit code 0 within 12 s; it returns what run wrote to stderr.
func e2eRun(t *testing.T, env map[string]string, body func()) string {
	t.Helper()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var stdout, stderr e2eBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	}()
	e2eWait(t, "/healthz", func() bool {
		select {
		case c := <-code:
			t.Fatalf("run exited early with %d:\n%s", c, stderr.String())
		default:
		}
		s, _ := e2eGet("http://" + env["HTTP_ADDR"] + "/healthz")
		return s == http.StatusOK
	})
	body()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after SIGTERM, want 0:\n%s", c, stderr.String())
		}
	case <-time.After(12 * time.Second):
		t.Fatalf("run did not return within 12 s of SIGTERM:\n%s", stderr.String())
	}
	if s, _ := e2eGet("http://" + env["HTTP_ADDR"] + "/healthz"); s != 0 {
		t.Errorf("HTTP server still answers (%d) after shutdown", s)
	}
	return stderr.String()
}
