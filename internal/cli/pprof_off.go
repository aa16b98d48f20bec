//go:build !pprof

package cli

// startPprof does nothing: profiling endpoints exist only in builds made with -tags pprof.
func startPprof() {}
