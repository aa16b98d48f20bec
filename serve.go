package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/health"
	"github.com/samayoon/samayoon/internal/logging"
	"github.com/samayoon/samayoon/metrics"
	"github.com/samayoon/samayoon/store"
)

// serveBot runs the Telegram bot with its HTTP endpoints until ctx ends (SIGTERM/SIGINT).
func serveBot(ctx context.Context, getenv func(string) string, stderr io.Writer) int {
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: configuration problems:\n%v\n", err)
		return 2
	}
	if cfg.Mode() == config.ModeConsole {
		fmt.Fprintln(stderr, "samayoon: TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) is required to run the bot")
		return 2
	}
	logger := logging.New(stderr, cfg.LogFormat, cfg.LogLevel, cfg.Token, cfg.WebhookSecret)
	redis.SetLogger(logging.Printf{Logger: logger, Component: "redis"}) // go-redis logs through one global
	logger.Info("starting", "component", "main", "config", cfg.String())
	if err := serve(ctx, cfg, logger, stderr); err != nil {
		logger.Error("stopped with an error", "component", "main", "err", err)
		return 1
	}
	logger.Info("stopped", "component", "main")
	return 0
}

// serve wires catalog, sessions, engine, bot and HTTP endpoints, then runs them.
func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, notice io.Writer) error {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	holder, err := openCatalog(ctx, cfg, m, logger)
	if err != nil {
		return err
	}
	sess, err := openSessions(ctx, redisConfig(cfg), notice, logger)
	if err != nil {
		return err
	}
	defer sess.close()
	sess.client.AddHook(m.RedisHook())
	stats, stopStats := startStats(ctx, sess, logger)
	defer stopStats() // the last counters are written before Redis closes
	eng, err := newEngine(sess.store, holder, cfg, logger, stats)
	if err != nil {
		return err
	}
	b, err := bot.New(ctx, bot.Config{
		Token: cfg.Token, APIURL: cfg.APIURL, Mode: string(cfg.TelegramMode),
		WebhookURL: cfg.WebhookURL, WebhookSecret: cfg.WebhookSecret, Workers: cfg.Workers,
		Engine: eng, Observer: m, Logger: logger,
		ChatLabel: logging.ChatLabeler(cfg.LogHashKey), StaffChatID: cfg.StaffChatID,
	})
	if err != nil {
		return fmt.Errorf("reaching Telegram: %w", err)
	}
	checks := []health.Check{
		{Name: "redis", Probe: sess.store.Ping},
		{Name: "catalog", Probe: func(context.Context) error { return catalogLoaded(holder) }},
		{Name: "telegram", Probe: func(context.Context) error { return botReady(b) }},
	}
	servers, err := httpServers(ctx, cfg, b, reg, checks)
	if err != nil {
		return err
	}
	return runAll(ctx, append(servers, b.Run)...)
}

// startStats flushes the anonymous daily counters every few seconds; stop flushes once more.
func startStats(ctx context.Context, sess *sessions, logger *slog.Logger) (*store.Stats, func()) {
	stats := store.NewStats(sess.client, store.StatsOptions{Logger: logger})
	ctx, cancel := context.WithCancel(ctx)
	flushed := make(chan struct{})
	go func() { defer close(flushed); stats.Run(ctx, store.DefaultStatsFlush) }()
	return stats, func() { cancel(); <-flushed }
}

// openCatalog loads the catalog and keeps it fresh: file changes and SIGHUP reload it.
func openCatalog(ctx context.Context, cfg config.Config, m *metrics.Metrics, logger *slog.Logger) (*catalog.Holder, error) {
	cat, err := loadCatalog(cfg.CatalogFile)
	if err != nil {
		return nil, fmt.Errorf("loading the catalog: %w", err)
	}
	m.CatalogOffers(cat.Len())
	var holder *catalog.Holder
	holder = catalog.NewHolder(cat, cfg.CatalogFile, logger, func(ok bool, _ error) {
		m.CatalogReload(ok)
		if ok {
			m.CatalogOffers(holder.Current().Len())
		}
	})
	if cfg.CatalogFile == "" {
		return holder, nil
	}
	go catalog.Watch(ctx, cfg.CatalogFile, holder, logger, cfg.CatalogPoll)
	go reloadOnHangup(ctx, holder)
	return holder, nil
}

// reloadOnHangup reloads the catalog each time the process gets SIGHUP; the holder logs
// and counts the outcome, and a broken file leaves the old catalog serving.
func reloadOnHangup(ctx context.Context, holder *catalog.Holder) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			_ = holder.Reload()
		}
	}
}

// botReady is the Telegram readiness check: getMe answered at start, and the bot is taking
// updates (polling answered or webhook registered, no 409 conflict, not shutting down).
func botReady(b *bot.Bot) error {
	if !b.Ready() {
		return errors.New("not taking updates")
	}
	return nil
}

// catalogLoaded is the readiness check for the catalog.
func catalogLoaded(h *catalog.Holder) error {
	if c := h.Current(); c == nil || c.Len() == 0 {
		return errors.New("no offers loaded")
	}
	return nil
}

// redisConfig maps the validated configuration to the store's.
func redisConfig(cfg config.Config) store.Config {
	return store.Config{
		URL: cfg.RedisURL, SentinelMaster: cfg.RedisSentinelMaster, SentinelAddrs: cfg.RedisSentinelAddrs,
		Cluster: cfg.RedisCluster, ClusterAddrs: cfg.RedisAddrs,
	}
}

// httpServers builds the main server (health, readiness, metrics, webhook) and, when
// METRICS_ADDR is set, a separate metrics server; each is returned as a run function.
func httpServers(ctx context.Context, cfg config.Config, b *bot.Bot, reg *prometheus.Registry, checks []health.Check) ([]func(context.Context) error, error) {
	if cfg.HTTPAddr == "" {
		return nil, nil
	}
	metricsHandler := metrics.Handler(reg)
	var runs []func(context.Context) error
	if cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("/metrics", metricsHandler)
		run, err := listen(ctx, cfg.MetricsAddr, mux)
		if err != nil {
			return nil, err
		}
		runs = append(runs, run)
		metricsHandler = nil
	}
	mux := health.Mux(metricsHandler, checks...)
	if cfg.TelegramMode == config.ModeWebhook {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil {
			return nil, fmt.Errorf("WEBHOOK_URL: %w", err)
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		mux.Handle(path, b.WebhookHandler())
	}
	run, err := listen(ctx, cfg.HTTPAddr, mux)
	if err != nil {
		return nil, err
	}
	return append(runs, run), nil
}

// listen binds addr now (so a taken port fails start-up) and returns the serve function.
func listen(ctx context.Context, addr string, h http.Handler) (func(context.Context) error, error) {
	srv := health.NewServer(addr, h)
	ln, err := health.Listen(ctx, srv)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	return func(ctx context.Context) error { return health.Serve(ctx, srv, ln) }, nil
}

// runAll runs every function until ctx ends or one fails, then waits for all to return.
func runAll(ctx context.Context, fns ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(fns))
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = fn(ctx); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

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
