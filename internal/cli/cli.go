// Package cli is Sama Yoon's start-up: it reads the command line, and the environment once
// through config, and runs one command, each in its own file (bot, console, catalog, stats and
// report, healthcheck).
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/samayoon/samayoon/config"
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
  samayoon web             the staff web workspace on this machine; prints a one-time login address
  samayoon staff add NAME [--roles editor,reviewer,viewer] | remove NAME | list
                           staff accounts of the web workspace (STAFF_ACCOUNTS_FILE; password on stdin)
  samayoon i18n status|export|import   Wolof texts and their review by a native speaker (docs/reviewing-wolof.md)
  samayoon alerts preview|send   new-offer alerts waiting (count per offer) / release them (ALERTS_REQUIRE_APPROVAL)
  samayoon healthcheck     probe /healthz of a running bot (for container health checks)
  samayoon stats [--from DATE --to DATE] [--format csv|markdown]
                           anonymous daily counters from the bot's Redis (default: the last 30 days)
  samayoon report [--from DATE --to DATE]
                           Markdown report for the framework's meetings: unmet demand, offers with
                           negative feedback or problem reports, catalog entries to re-verify
Configuration is read from the environment: see README.md.
`

// Main runs the command named by os.Args and returns the process exit code; SIGTERM
// (container stop) or SIGINT (Ctrl-C) cancels its context for a graceful shutdown.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
}

// run dispatches a subcommand and returns the process exit code. The environment is read
// once, by config.Load, and every command gets the result.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	switch cmd {
	case "catalog":
		return catalogCommand(args[1:], stdout, stderr)
	case "web":
		return runWeb(ctx, getenv, stdout, stderr)
	case "staff":
		return staffCommand(args[1:], getenv, stdin, stdout, stderr)
	case "i18n":
		return i18nCommand(args[1:], stdout, stderr)
	case "alerts":
		return alertsCommand(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "", "console", "bot", "serve", "healthcheck", "stats", "report":
	default:
		fmt.Fprintf(stderr, "samayoon: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: configuration problems:\n%v\n", err)
		if cmd == "healthcheck" {
			return 1 // unhealthy: Docker reserves exit code 2 in health checks
		}
		return 2
	}
	switch cmd {
	case "console":
		return runConsole(ctx, cfg, stdin, stdout, stderr)
	case "bot", "serve":
		return serveBot(ctx, cfg, stderr)
	case "healthcheck":
		return healthcheck(ctx, cfg, stderr)
	case "stats", "report":
		return statsCommand(ctx, args, cfg, stdout, stderr)
	}
	if cfg.Mode() == config.ModeConsole {
		return runConsole(ctx, cfg, stdin, stdout, stderr)
	}
	return serveBot(ctx, cfg, stderr)
}
