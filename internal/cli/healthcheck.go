package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/samayoon/samayoon/health"
)

// healthcheck probes a running bot's /healthz, for the container's HEALTHCHECK.
func healthcheck(ctx context.Context, getenv func(string) string, stderr io.Writer) int {
	addr := getenv("HTTP_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	if err := health.Probe(ctx, addr); err != nil {
		fmt.Fprintf(stderr, "unhealthy: %v\n", err)
		return 1
	}
	return 0
}
