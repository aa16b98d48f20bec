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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
