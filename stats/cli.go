package stats

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/store"
)

// DefaultPeriod is how many days `stats` and `report` cover when --from is not given.
const DefaultPeriod = 30

// options are the parsed flags of `stats` and `report`.
type options struct {
	from, to time.Time
	format   string
}

// Sources say where `stats` and `report` read: the bot's Redis and its catalog file (built
// by internal/cli from the configuration, so this package reads no environment).
type Sources struct {
	Redis       store.Config
	CatalogFile string // "" = the embedded catalog
}

// Main runs `samayoon stats ...` or `samayoon report ...` (args[0] names which) against the
// bot's Redis and catalog; exit code 0, 1 for a failure, 2 for bad usage.
func Main(ctx context.Context, args []string, src Sources, stdout, stderr io.Writer, now time.Time) int {
	if len(args) == 0 || args[0] != "stats" && args[0] != "report" {
		fmt.Fprintln(stderr, "stats: want the stats or report subcommand")
		return 2
	}
	opts, err := parseFlags(args[0], args[1:], now, stderr)
	if err != nil {
		return 2
	}
	reader, closeFn, err := openReader(ctx, src.Redis)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon %s: %v\n", args[0], err)
		return 1
	}
	defer closeFn()
	if args[0] == "stats" {
		err = runStats(ctx, reader, opts, stdout)
	} else {
		err = runReport(ctx, reader, loadCatalog(src.CatalogFile, stderr), opts, now, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "samayoon %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// parseFlags reads --from, --to (YYYY-MM-DD, default the last 30 days) and --format.
func parseFlags(name string, args []string, now time.Time, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("samayoon "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", now.UTC().Format(time.DateOnly), "last day, YYYY-MM-DD")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: 30 days before --to)")
	format := "markdown"
	if name == "stats" {
		fs.StringVar(&format, "format", "markdown", "csv or markdown")
	}
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	o := options{format: format}
	var err error
	if o.to, err = time.Parse(time.DateOnly, *to); err != nil {
		return bad(stderr, "--to must be a date like 2026-11-29")
	}
	o.from = o.to.AddDate(0, 0, 1-DefaultPeriod)
	if *from != "" {
		if o.from, err = time.Parse(time.DateOnly, *from); err != nil {
			return bad(stderr, "--from must be a date like 2026-11-01")
		}
	}
	switch {
	case o.from.After(o.to):
		return bad(stderr, "--from is after --to")
	case o.to.Sub(o.from) > 3*366*24*time.Hour:
		return bad(stderr, "the period is longer than 3 years")
	case format != "csv" && format != "markdown":
		return bad(stderr, "--format must be csv or markdown")
	}
	return o, nil
}

// bad reports a usage error.
func bad(stderr io.Writer, msg string) (options, error) {
	fmt.Fprintln(stderr, "samayoon:", msg)
	return options{}, errors.New(msg)
}

// openReader connects to the bot's Redis; the embedded one would be empty, so it is refused.
func openReader(ctx context.Context, cfg store.Config) (Reader, func(), error) {
	if !cfg.Configured() {
		return nil, nil, errors.New("REDIS_URL is not set: statistics live in the bot's Redis")
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	client, err := store.Open(ctx, cfg, quiet)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to Redis: %w", err)
	}
	src := redisSource{Stats: store.NewStats(client, store.StatsOptions{Logger: quiet}), subs: store.NewAlerts(client, "")}
	return src, func() { _ = client.Close() }, nil
}

// redisSource reads the daily counters and the alert subscriptions' counts.
type redisSource struct {
	*store.Stats
	subs *store.Alerts
}

// Counts counts the alert subscribers per need × place.
func (r redisSource) Counts(ctx context.Context) (map[string]int64, error) { return r.subs.Counts(ctx) }

// subscriptions reads the alert counts when r has them (nil otherwise).
func subscriptions(ctx context.Context, r Reader) (map[string]int64, error) {
	if s, ok := r.(Subscriptions); ok {
		return s.Counts(ctx)
	}
	return nil, nil
}

// loadCatalog reads path, or the embedded catalog when path is empty; nil (the report says
// so) when it cannot be read.
func loadCatalog(path string, stderr io.Writer) *catalog.Catalog {
	var c *catalog.Catalog
	var err error
	if path == "" {
		c, err = catalog.Default()
	} else {
		c, err = catalog.Load(path)
	}
	if err != nil {
		fmt.Fprintf(stderr, "samayoon report: catalog: %v\n", err)
		return nil
	}
	return c
}

// runStats prints the counters of the period.
func runStats(ctx context.Context, r Reader, o options, stdout io.Writer) error {
	days, err := r.Days(ctx, o.from, o.to)
	if err != nil {
		return err
	}
	if o.format == "csv" {
		return WriteCSV(stdout, days)
	}
	if err := WriteMarkdown(stdout, o.from, o.to, days); err != nil {
		return err
	}
	subs, err := subscriptions(ctx, r)
	if err != nil || subs == nil {
		return err
	}
	var b strings.Builder
	writeSubscriptions(&b, subs)
	_, err = io.WriteString(stdout, b.String())
	return err
}

// runReport prints the Markdown report of the period.
func runReport(ctx context.Context, r Reader, cat *catalog.Catalog, o options, now time.Time, stdout io.Writer) error {
	days, err := r.Days(ctx, o.from, o.to)
	if err != nil {
		return err
	}
	subs, err := subscriptions(ctx, r)
	if err != nil {
		return err
	}
	return WriteReport(stdout, ReportInput{From: o.from, To: o.to, Days: days, Catalog: cat, Now: now, Subscriptions: subs})
}
