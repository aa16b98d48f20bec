package cli

import (
	"context"
	"io"
	"time"

	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/stats"
)

// statsCommand runs "samayoon stats" and "samayoon report" (args[0] says which).
func statsCommand(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	src := stats.Sources{Redis: redisConfig(cfg), CatalogFile: cfg.CatalogFile}
	return stats.Main(ctx, args, src, stdout, stderr, time.Now())
}
