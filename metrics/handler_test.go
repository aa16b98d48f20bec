package metrics

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestHandlerExposesEveryMetric(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	m.Update("message")
	m.APICall("sendMessage", 200)
	m.RetryAfter(0)
	rec := httptest.NewRecorder()
	Handler(reg).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, name := range []string{
		`samayoon_updates_total{type="message"} 1`, "samayoon_replies_total 0", `samayoon_errors_total{kind="redis"} 0`,
		"samayoon_update_duration_seconds_bucket", `samayoon_telegram_api_calls_total{code="200",method="sendMessage"} 1`,
		"samayoon_telegram_retry_after_total 1", "samayoon_telegram_retry_after_seconds_total 0", "samayoon_catalog_offers 0",
		`samayoon_catalog_reloads_total{result="failed"} 0`, "samayoon_catalog_last_reload_ok 1", "samayoon_redis_errors_total 0",
	} {
		if !strings.Contains(body, name) {
			t.Errorf("missing %q", name)
		}
	}
}
