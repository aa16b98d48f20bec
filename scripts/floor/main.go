// Command floor is the physical floor of issue 8: the least a Telegram bot can do per
// update (one Redis GET, one SET, one sendMessage with a keyboard, one answerCallbackQuery
// for a press) with raw net/http and JSON, so load.sh can compare Sama Yoon against it.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// config is what the floor reads from the environment.
type config struct {
	apiURL, token, redisURL, mode string
	webhookURL, webhookAddr       string
	webhookSecret                 string
	workers                       int
}

// main runs the floor until SIGTERM or SIGINT.
func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})).
		With("component", "floor")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		log.Error("bad configuration", "err", err)
		os.Exit(2)
	}
	if err := run(ctx, cfg, log); err != nil {
		log.Error("floor stopped", "err", err)
		os.Exit(1)
	}
}

// firstEnv returns the first non-empty variable among names, so tgsim's names also work.
func firstEnv(getenv func(string) string, names ...string) string {
	for _, n := range names {
		if v := getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// loadConfig reads and checks the environment.
func loadConfig(getenv func(string) string) (config, error) {
	cfg := config{
		apiURL:        firstEnv(getenv, "TELEGRAM_API_URL", "TGSIM_URL"),
		token:         firstEnv(getenv, "TELEGRAM_BOT_TOKEN", "BOT_TOKEN"),
		redisURL:      getenv("REDIS_URL"),
		mode:          firstEnv(getenv, "TELEGRAM_MODE"),
		webhookURL:    firstEnv(getenv, "WEBHOOK_URL", "TGSIM_WEBHOOK_URL"),
		webhookAddr:   firstEnv(getenv, "TGSIM_WEBHOOK_ADDR", "HTTP_ADDR"),
		webhookSecret: firstEnv(getenv, "WEBHOOK_SECRET", "TGSIM_WEBHOOK_SECRET"),
		workers:       16,
	}
	if cfg.mode == "" {
		cfg.mode = "polling"
	}
	if w := getenv("FLOOR_WORKERS"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("FLOOR_WORKERS %q: want a positive integer", w)
		}
		cfg.workers = n
	}
	switch {
	case cfg.apiURL == "" || cfg.token == "" || cfg.redisURL == "":
		return cfg, errors.New("TELEGRAM_API_URL, TELEGRAM_BOT_TOKEN and REDIS_URL are required")
	case cfg.mode != "polling" && cfg.mode != "webhook":
		return cfg, fmt.Errorf("TELEGRAM_MODE %q: want polling or webhook", cfg.mode)
	case cfg.mode == "webhook" && (cfg.webhookURL == "" || cfg.webhookAddr == ""):
		return cfg, errors.New("webhook mode needs WEBHOOK_URL and TGSIM_WEBHOOK_ADDR")
	}
	return cfg, nil
}

// run connects to Redis, starts the workers and feeds them until ctx ends, then drains.
func run(ctx context.Context, cfg config, log *slog.Logger) error {
	opt, err := redis.ParseURL(cfg.redisURL)
	if err != nil {
		return fmt.Errorf("parsing REDIS_URL: %w", err)
	}
	opt.PoolSize = cfg.workers + 4
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	api := newAPI(cfg.apiURL, cfg.token, cfg.workers)
	f := &floor{api: api, rdb: rdb, log: log, screens: buildScreens()}
	shards := make([]chan job, cfg.workers)
	var wg sync.WaitGroup
	for i := range shards {
		shards[i] = make(chan job, 64)
		wg.Add(1)
		go func(in <-chan job) {
			defer wg.Done()
			f.work(in)
		}(shards[i])
	}
	if cfg.mode == "webhook" {
		err = serveWebhook(ctx, cfg, api, shards, log)
	} else {
		err = poll(ctx, api, shards, log)
	}
	for _, s := range shards {
		close(s)
	}
	wg.Wait()
	return err
}

// shardOf keeps every update of one chat on one worker, hence in order.
func shardOf(shards []chan job, chat int64) chan job {
	if chat < 0 {
		chat = -chat
	}
	return shards[chat%int64(len(shards))]
}

// drainCtx bounds the work done on updates already accepted when shutdown starts.
func drainCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 5*time.Second)
}

// serveWebhook registers the webhook and serves it until ctx ends.
func serveWebhook(ctx context.Context, cfg config, api *api, shards []chan job, log *slog.Logger) error {
	srv := &http.Server{
		Addr:              cfg.webhookAddr,
		Handler:           webhookHandler(cfg.webhookSecret, shards, log),
		ReadHeaderTimeout: 5 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	params := map[string]any{"url": cfg.webhookURL, "secret_token": cfg.webhookSecret, "max_connections": 40}
	if err := api.call(ctx, "setWebhook", params); err != nil {
		_ = srv.Close()
		return fmt.Errorf("setWebhook: %w", err)
	}
	select {
	case err := <-errc:
		return fmt.Errorf("webhook server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := drainCtx()
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("webhook shutdown: %w", err)
	}
	return nil
}
