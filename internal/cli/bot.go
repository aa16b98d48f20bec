package cli

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
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/health"
	"github.com/samayoon/samayoon/internal/logging"
	"github.com/samayoon/samayoon/metrics"
	"github.com/samayoon/samayoon/store"
)

// serveBot runs the Telegram bot with its HTTP endpoints until ctx ends (SIGTERM/SIGINT).
func serveBot(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	if cfg.Mode() == config.ModeConsole {
		fmt.Fprintln(stderr, "samayoon: TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) is required to run the bot")
		return 2
	}
	logger := logging.New(stderr, cfg.LogFormat, cfg.LogLevel, cfg.Token, cfg.WebhookSecret)
	store.SetLogger(logging.Printf{Logger: logger, Component: "redis"})
	logger.Info("starting", "component", "main", "config", cfg.String())
	startPprof(cfg.PprofAddr, logger)
	if err := serve(ctx, cfg, logger, stderr); err != nil {
		logger.Error("stopped with an error", "component", "main", "err", err)
		return 1
	}
	logger.Info("stopped", "component", "main")
	return 0
}

// serve wires catalog, HTTP endpoints, sessions, engine and bot, then runs them. The HTTP
// server starts first, so while Redis or Telegram are still being reached /healthz answers
// and /readyz says which part is missing.
func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, notice io.Writer) error {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	holder, err := openCatalog(ctx, cfg, m, logger)
	if err != nil {
		return err
	}
	var p parts
	mux, servers, err := httpServers(ctx, cfg, reg, p.checks(holder))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The servers outlive the bot's stop: a stopping webhook replica still takes updates.
	srvCtx, stopServers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopServers()
	wait := startAll(srvCtx, cancel, servers...)
	err = runBot(ctx, cfg, &p, mux, holder, m, logger, notice)
	if err != nil && ctx.Err() != nil {
		err = nil // stopped (SIGTERM, or a server failed: wait reports that) while still starting
	}
	cancel()
	stopServers()
	return errors.Join(err, wait())
}

// runBot opens the sessions, builds engine and bot, and runs the bot until ctx ends.
func runBot(ctx context.Context, cfg config.Config, p *parts, mux *http.ServeMux, holder *catalog.Holder, m *metrics.Metrics, logger *slog.Logger, notice io.Writer) error {
	sess, err := openSessions(ctx, redisConfig(cfg), notice, logger)
	if err != nil {
		return err
	}
	defer sess.close()
	store.CountErrors(sess.client, m)
	p.sess.Store(sess)
	stats, stopStats := startStats(ctx, sess, logger)
	defer stopStats() // the last counters are written before Redis closes
	webCtx, stopWeb := context.WithCancel(ctx)
	waitWeb, err := startStaffWeb(webCtx, cfg, sess, stats, logger)
	if err != nil {
		stopWeb()
		return fmt.Errorf("staff web workspace: %w", err)
	}
	defer func() { stopWeb(); _ = waitWeb() }()
	subs := store.NewAlerts(sess.client, "")
	eng, err := newEngine(sess.store, holder, cfg, logger, stats, cfg.StaffChatID != 0, subs)
	if err != nil {
		return err
	}
	lim := alerts.NewLimiter(float64(cfg.AlertsRate), alerts.DefaultGlobalRate, nil)
	b, err := bot.New(ctx, bot.Config{
		Token: cfg.Token, APIURL: cfg.APIURL, Mode: string(cfg.TelegramMode),
		WebhookURL: cfg.WebhookURL, WebhookSecret: cfg.WebhookSecret, Workers: cfg.Workers,
		Engine: eng, Observer: replyMeter{Observer: m, lim: lim}, Logger: logger,
		ChatLabel: logging.ChatLabeler(cfg.LogHashKey), StaffChatID: cfg.StaffChatID,
		Threads: handoffThreads(sess, cfg), RemindAfter: cfg.RemindAfter,
		Journal:   store.NewJournal(sess.client, ""), // read in polling mode only
		Retryable: store.IsUnavailable, NoticeAfter: cfg.NoticeAfter, LeaveDelay: leaveDelay(cfg),
		ApproveAlerts: approveAlerts(subs),
	})
	if err != nil {
		return fmt.Errorf("reaching Telegram: %w", err)
	}
	if err := mountWebhook(cfg, mux, b); err != nil {
		return err
	}
	p.bot.Store(b)
	w := alertWiring{queue: subs, holder: holder, render: eng, sender: botAlerts{b}, limiter: lim, rec: stats}
	if cfg.StaffChatID != 0 {
		w.staff = b.PostAlertsApproval
	}
	stop := startAlerts(ctx, cfg, w, logger)
	defer stop() // before Redis closes
	return b.Run(ctx)
}

// webhookLeave is how long a stopping webhook replica is unready but still takes updates:
// one health_interval of compose.yaml's Caddy (2 s) and a margin.
const webhookLeave = 3 * time.Second

// leaveDelay is the bot's LeaveDelay: webhook replicas sit behind a health-checking proxy.
func leaveDelay(cfg config.Config) time.Duration {
	if cfg.TelegramMode != config.ModeWebhook {
		return 0
	}
	return webhookLeave
}

// parts are what the readiness checks look at; they appear as start-up progresses.
type parts struct {
	sess atomic.Pointer[sessions]
	bot  atomic.Pointer[bot.Bot]
}

// checks are the readiness checks: Redis answers, a catalog is loaded, the bot takes updates.
func (p *parts) checks(holder *catalog.Holder) []health.Check {
	return []health.Check{
		{Name: "redis", Probe: func(ctx context.Context) error {
			if s := p.sess.Load(); s != nil {
				return s.store.Ping(ctx)
			}
			return errors.New("not connected yet")
		}},
		{Name: "catalog", Probe: func(context.Context) error { return catalogLoaded(holder) }},
		{Name: "telegram", Probe: func(context.Context) error {
			if b := p.bot.Load(); b != nil {
				return botReady(b)
			}
			return errors.New("not started yet")
		}},
	}
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

// httpServers builds the main server (health, readiness, metrics; the webhook is mounted on
// its mux later) and, when METRICS_ADDR is set, a separate metrics server; each is returned
// as a run function.
func httpServers(ctx context.Context, cfg config.Config, reg *prometheus.Registry, checks []health.Check) (*http.ServeMux, []func(context.Context) error, error) {
	if cfg.HTTPAddr == "" {
		return http.NewServeMux(), nil, nil
	}
	metricsHandler := metrics.Handler(reg)
	var runs []func(context.Context) error
	if cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("/metrics", metricsHandler)
		run, err := listen(ctx, cfg.MetricsAddr, mux)
		if err != nil {
			return nil, nil, err
		}
		runs = append(runs, run)
		metricsHandler = nil
	}
	mux := health.Mux(metricsHandler, checks...)
	run, err := listen(ctx, cfg.HTTPAddr, mux)
	if err != nil {
		return nil, nil, err
	}
	return mux, append(runs, run), nil
}

// mountWebhook serves the bot's webhook at WEBHOOK_URL's path (webhook mode only).
func mountWebhook(cfg config.Config, mux *http.ServeMux, b *bot.Bot) error {
	if cfg.TelegramMode != config.ModeWebhook {
		return nil
	}
	u, err := url.Parse(cfg.WebhookURL)
	if err != nil {
		return fmt.Errorf("WEBHOOK_URL: %w", err)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux.Handle(path, b.WebhookHandler())
	return nil
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

// startAll runs every function in the background; the first failure cancels the others.
// The returned wait blocks until all have returned and joins their errors.
func startAll(ctx context.Context, cancel context.CancelFunc, fns ...func(context.Context) error) (wait func() error) {
	var wg sync.WaitGroup
	errs := make([]error, len(fns))
	for i, fn := range fns {
		wg.Go(func() {
			if errs[i] = fn(ctx); errs[i] != nil {
				cancel()
			}
		})
	}
	return func() error { wg.Wait(); return errors.Join(errs...) }
}
