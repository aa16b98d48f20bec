package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
)

// e2eChecks drives one user through /start and checks the three endpoints, including
// /readyz turning 503 when Redis goes away and 200 again when it is back.
func e2eChecks(t *testing.T, api *fakeapi.Server, redis *redistest.Server, httpAddr, metricsAddr string, webhook bool) {
	t.Helper()
	base := "http://" + httpAddr
	e2eWait(t, "/readyz 200", func() bool { s, _ := e2eGet(base + "/readyz"); return s == http.StatusOK })
	user := fakeapi.User{ID: 5300777001, Lang: "fr"}
	if webhook {
		e2eWait(t, "setWebhook", func() bool { return api.Webhook() != nil })
		if s, err := api.Deliver(context.Background(), user.Text("/start")); err != nil || s != http.StatusOK {
			t.Fatalf("webhook delivery: status %d, %v", s, err)
		}
	} else {
		api.Push(user.Text("/start"))
	}
	e2eWait(t, "a reply to /start", func() bool { return len(api.Messages(user.ID)) > 0 })
	// The fake records a message before the bot has read the answer and counted the call,
	// so the metrics are polled until they show the reply.
	wants := []string{`samayoon_updates_total{type="message"} 1`, "samayoon_update_duration_seconds_count 1", "samayoon_updates_held 0", "samayoon_outage_notices_total 0",
		`samayoon_telegram_api_calls_total{code="200",method="sendMessage"}`, "samayoon_catalog_offers "}
	e2eWait(t, "/metrics counting the reply", func() bool {
		s, metrics := e2eGet("http://" + metricsAddr + "/metrics")
		for _, want := range wants {
			if s != http.StatusOK || !strings.Contains(metrics, want) {
				return false
			}
		}
		return true
	})
	if metricsAddr != httpAddr {
		if s, _ := e2eGet(base + "/metrics"); s != http.StatusNotFound {
			t.Errorf("/metrics on HTTP_ADDR answered %d with METRICS_ADDR set, want 404", s)
		}
	}
	redis.Stop()
	e2eWait(t, "/readyz 503 naming redis", func() bool {
		s, body := e2eGet(base + "/readyz")
		return s == http.StatusServiceUnavailable && strings.Contains(body, "redis")
	})
	if s, _ := e2eGet(base + "/healthz"); s != http.StatusOK {
		t.Errorf("/healthz %d while Redis is down, want 200 (alive)", s)
	}
	redis.Restart()
	e2eWait(t, "/readyz 200 once Redis is back", func() bool { s, _ := e2eGet(base + "/readyz"); return s == http.StatusOK })
}

// e2eLogChecks asserts every log line is JSON with a component and none shows the token or the user's id.
func e2eLogChecks(t *testing.T, logs string) {
	t.Helper()
	for _, secret := range []string{e2eToken, "5300777001"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs show %q", secret)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("log line is not JSON: %q", line)
			continue
		}
		if _, ok := m["component"]; !ok {
			t.Errorf("log line without component: %q", line)
		}
	}
}
