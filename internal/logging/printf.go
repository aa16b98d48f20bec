package logging

import (
	"context"
	"fmt"
	"log/slog"
)

// Printf adapts a slog logger to libraries that log through Printf(ctx, format, args...),
// such as go-redis (redis.SetLogger), so their lines are JSON with a component like ours.
type Printf struct {
	Logger    *slog.Logger
	Component string
}

// Printf logs one library line at warn level (libraries use it for connection trouble).
func (p Printf) Printf(ctx context.Context, format string, args ...any) {
	p.Logger.WarnContext(ctx, fmt.Sprintf(format, args...), "component", p.Component)
}
