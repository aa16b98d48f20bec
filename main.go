// Command samayoon runs the Sama Yoon assistant: on Telegram when a bot token is
// configured, otherwise as a console chat; it also hosts the staff tools (catalog …).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	startPprof()
	ctx, stop := signalNotifyContext(context.Background())
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalNotifyContext is cancelled by SIGTERM (container stop) or SIGINT (Ctrl-C).
func signalNotifyContext(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}
