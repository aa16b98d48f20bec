package metrics

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// observer is the interface package bot consumes; Metrics must satisfy it structurally.
type observer interface {
	Update(kind string)
	Handled(d time.Duration, err error)
	Reply()
	APICall(method string, code int)
	RetryAfter(d time.Duration)
}

var _ observer = (*Metrics)(nil)

func TestCounters(t *testing.T) {
	tests := []struct {
		name  string
		do    func(m *Metrics)
		value func(m *Metrics) float64
		want  float64
	}{
		{"update known kind", func(m *Metrics) { m.Update("callback"); m.Update("callback") },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.updates.WithLabelValues("callback")) }, 2},
		{"update unknown kind is other", func(m *Metrics) { m.Update("inline_query"); m.Update("chat_join_request") },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.updates.WithLabelValues(Other)) }, 2},
		{"reply", func(m *Metrics) { m.Reply(); m.Reply(); m.Reply() },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.replies) }, 3},
		{"handled error counts handler error", func(m *Metrics) {
			m.Handled(time.Millisecond, nil)
			m.Handled(time.Millisecond, errors.New("x"))
		}, func(m *Metrics) float64 { return testutil.ToFloat64(m.errors.WithLabelValues("handler")) }, 1},
		{"api call by method and code", func(m *Metrics) { m.APICall("sendMessage", 429); m.APICall("sendMessage", 200) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.apiCalls.WithLabelValues("sendMessage", "429")) }, 1},
		{"api call unknown method", func(m *Metrics) { m.APICall("sendPoll", 0) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.apiCalls.WithLabelValues(Other, "0")) }, 1},
		{"api call absurd code", func(m *Metrics) { m.APICall("getMe", 123456) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.apiCalls.WithLabelValues("getMe", Other)) }, 1},
		{"retry after count", func(m *Metrics) { m.RetryAfter(3 * time.Second); m.RetryAfter(1500 * time.Millisecond) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.retryWaits) }, 2},
		{"retry after seconds", func(m *Metrics) { m.RetryAfter(3 * time.Second); m.RetryAfter(1500 * time.Millisecond) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.retrySeconds) }, 4.5},
		{"catalog offers", func(m *Metrics) { m.CatalogOffers(40); m.CatalogOffers(42) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.offers) }, 42},
		{"catalog reload failed", func(m *Metrics) { m.CatalogReload(true); m.CatalogReload(false) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.reloads.WithLabelValues("failed")) }, 1},
		{"catalog last reload flag", func(m *Metrics) { m.CatalogReload(false) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.lastReloadOK) }, 0},
		{"catalog reload recovers", func(m *Metrics) { m.CatalogReload(false); m.CatalogReload(true) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.lastReloadOK) }, 1},
		{"redis error", func(m *Metrics) { m.RedisError() },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.redisErrors) }, 1},
		{"held rises and falls", func(m *Metrics) { m.Held(1); m.Held(1); m.Held(1); m.Held(-1) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.held) }, 2},
		{"outage notices", func(m *Metrics) { m.OutageNotice(); m.OutageNotice() },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.notices) }, 2},
		{"redis error counted as error kind", func(m *Metrics) { m.RedisError(); m.Error("redis") },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.errors.WithLabelValues("redis")) }, 2},
		{"error unknown kind", func(m *Metrics) { m.Error("user said " + strings.Repeat("x", 10)) },
			func(m *Metrics) float64 { return testutil.ToFloat64(m.errors.WithLabelValues(Other)) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := New(prometheus.NewRegistry())
			tc.do(m)
			if got := tc.value(m); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLatencyHistogram(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	for _, d := range []time.Duration{50 * time.Microsecond, 3 * time.Millisecond, 20 * time.Second} {
		m.Handled(d, nil)
	}
	const want = `
# HELP samayoon_update_duration_seconds Time to handle one update, replies included.
# TYPE samayoon_update_duration_seconds histogram
samayoon_update_duration_seconds_bucket{le="0.0001"} 1
samayoon_update_duration_seconds_bucket{le="0.00025"} 1
samayoon_update_duration_seconds_bucket{le="0.0005"} 1
samayoon_update_duration_seconds_bucket{le="0.001"} 1
samayoon_update_duration_seconds_bucket{le="0.0025"} 1
samayoon_update_duration_seconds_bucket{le="0.005"} 2
samayoon_update_duration_seconds_bucket{le="0.01"} 2
samayoon_update_duration_seconds_bucket{le="0.025"} 2
samayoon_update_duration_seconds_bucket{le="0.05"} 2
samayoon_update_duration_seconds_bucket{le="0.1"} 2
samayoon_update_duration_seconds_bucket{le="0.25"} 2
samayoon_update_duration_seconds_bucket{le="0.5"} 2
samayoon_update_duration_seconds_bucket{le="1"} 2
samayoon_update_duration_seconds_bucket{le="2.5"} 2
samayoon_update_duration_seconds_bucket{le="5"} 2
samayoon_update_duration_seconds_bucket{le="10"} 2
samayoon_update_duration_seconds_bucket{le="+Inf"} 3
samayoon_update_duration_seconds_sum 20.00305
samayoon_update_duration_seconds_count 3
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "samayoon_update_duration_seconds"); err != nil {
		t.Error(err)
	}
}

func TestBoundedCardinality(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	for i := range 500 {
		m.Update(strings.Repeat("k", i))
		m.APICall(strings.Repeat("m", i), 200)
		m.Error(strings.Repeat("e", i))
	}
	n, err := testutil.GatherAndCount(reg, "samayoon_updates_total", "samayoon_telegram_api_calls_total", "samayoon_errors_total")
	if err != nil {
		t.Fatal(err)
	}
	// The fixed series (each known method's successful calls among them) and one "other" each.
	if limit := len(updateKinds()) + len(errorKinds()) + len(apiMethods()) + 3; n > limit {
		t.Errorf("%d series after 500 distinct labels, want at most %d", n, limit)
	}
}

func TestNilMetricsIsNoop(t *testing.T) {
	var m *Metrics
	m.Update("message")
	m.Handled(time.Second, errors.New("x"))
	m.Reply()
	m.APICall("getMe", 200)
	m.RetryAfter(time.Second)
	m.CatalogOffers(1)
	m.CatalogReload(false)
	m.RedisError()
	m.Error("redis")
	m.Held(1)
	m.OutageNotice()
}

func TestTwoRegistriesIndependent(t *testing.T) {
	a, b := New(prometheus.NewRegistry()), New(prometheus.NewRegistry())
	a.Reply()
	if got := testutil.ToFloat64(b.replies); got != 0 {
		t.Errorf("second registry sees %v replies, want 0", got)
	}
}
