package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/stats"
)

// usage is printed for "samayoon help" and unknown subcommands.
const usage = `samayoon — Sama Yoon, an assistant for returnees and young people in Senegal

usage:
  samayoon                 run the Telegram bot if TELEGRAM_BOT_TOKEN is set, else the console chat
  samayoon console         chat in the terminal (numbers or labels; /aide for help; @lat,lon shares a location)
  samayoon bot             run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  samayoon catalog check [FILE]
  samayoon catalog export --format csv|hsds [--file FILE]
  samayoon catalog import FILE.csv
  samayoon healthcheck     probe /healthz of a running bot (for container health checks)
  samayoon stats [--from DATE --to DATE] [--format csv|markdown]
                           anonymous daily counters from the bot's Redis (default: the last 30 days)
  samayoon report [--from DATE --to DATE]
                           Markdown report for the framework's meetings: unmet demand, offers with
                           negative feedback or problem reports, catalog entries to re-verify
Configuration is read from the environment: see README.md.
`

// run dispatches a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	switch cmd {
	case "":
		if getenv("TELEGRAM_BOT_TOKEN") != "" || getenv("TELEGRAM_BOT_TOKEN_FILE") != "" {
			return serveBot(ctx, getenv, stderr)
		}
		return runConsole(ctx, getenv, stdin, stdout, stderr)
	case "console":
		return runConsole(ctx, getenv, stdin, stdout, stderr)
	case "bot", "serve":
		return serveBot(ctx, getenv, stderr)
	case "catalog":
		return catalog.Command(args[1:], stdout, stderr, time.Now())
	case "healthcheck":
		return healthcheck(ctx, getenv, stderr)
	case "stats", "report":
		return stats.Main(ctx, args, getenv, stdout, stderr, time.Now())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "samayoon: unknown command %q\n\n%s", cmd, usage)
	return 2
}
