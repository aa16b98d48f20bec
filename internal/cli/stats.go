package cli

import (
	"context"
	"io"
	"time"

	"github.com/samayoon/samayoon/stats"
)

// statsCommand runs "samayoon stats" and "samayoon report" (args[0] says which).
func statsCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	return stats.Main(ctx, args, getenv, stdout, stderr, time.Now())
}
