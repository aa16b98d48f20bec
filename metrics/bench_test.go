package metrics

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkPerUpdate is the metrics cost of one typical update: received, one API call, one reply, handled.
func BenchmarkPerUpdate(b *testing.B) {
	m := New(prometheus.NewRegistry())
	b.ReportAllocs()
	for b.Loop() {
		m.Update("callback")
		m.APICall("sendMessage", 200)
		m.Reply()
		m.Handled(3*time.Millisecond, nil)
	}
}
