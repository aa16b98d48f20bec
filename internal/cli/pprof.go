//go:build pprof

package cli

import (
	"log/slog"
	"net/http"
	_ "net/http/pprof" // profiling endpoints, only in builds made with -tags pprof
	"os"
)

// startPprof serves net/http/pprof on PPROF_ADDR (loopback, e.g. 127.0.0.1:6060) in builds
// made with -tags pprof, for profiling under load (BENCHMARKS.md); release builds lack it.
func startPprof() {
	addr := os.Getenv("PPROF_ADDR")
	if addr == "" {
		return
	}
	go func() {
		err := http.ListenAndServe(addr, nil)
		slog.Warn("pprof server stopped", "component", "pprof", "err", err)
	}()
}
