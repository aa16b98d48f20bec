//go:build !pprof

package cli

import "log/slog"

// startPprof does nothing: profiling endpoints exist only in builds made with -tags pprof.
func startPprof(string, *slog.Logger) {}
