package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/health"
)

// healthcheck probes a running bot's /healthz on HTTP_ADDR, for the container's HEALTHCHECK.
func healthcheck(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	if cfg.HTTPAddr == "" {
		fmt.Fprintln(stderr, "unhealthy: no HTTP_ADDR to probe (without a bot token samayoon serves no /healthz)")
		return 1
	}
	if err := health.Probe(ctx, cfg.HTTPAddr); err != nil {
		fmt.Fprintf(stderr, "unhealthy: %v\n", err)
		return 1
	}
	return 0
}
