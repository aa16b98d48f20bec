package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"

	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/health"
	"github.com/samayoon/samayoon/internal/logging"
	"github.com/samayoon/samayoon/stats"
	"github.com/samayoon/samayoon/store"
	"github.com/samayoon/samayoon/web"
)

// defaultWebAddr is where `samayoon web` listens when STAFF_WEB_ADDR is unset: this machine only.
const defaultWebAddr = "127.0.0.1:8090"

// runWeb starts the staff workspace alone, on the configured (or embedded) Redis and the
// catalog file, and prints a one-time login address, as notebook servers do.
func runWeb(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: configuration problems:\n%v\n", err)
		return 2
	}
	if cfg.CatalogFile == "" {
		fmt.Fprintln(stderr, "samayoon web: no catalog file to edit: set CATALOG_FILE or run from the repository (catalog/catalog.yaml)")
		return 2
	}
	logger := logging.New(stderr, "text", "warn")
	sess, err := openSessions(ctx, redisConfig(cfg), stderr, logger)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon web: %v\n", err)
		return 1
	}
	defer sess.close()
	addr := cfg.StaffWebAddr
	if addr == "" {
		addr = defaultWebAddr
	}
	srv, ln, err := webServer(ctx, cfg, sess, nil, logger, addr)
	if err != nil && cfg.StaffWebAddr == "" {
		srv, ln, err = webServer(ctx, cfg, sess, nil, logger, "127.0.0.1:0") // 8090 taken: any free port
	}
	if err != nil {
		fmt.Fprintf(stderr, "samayoon web: %v\n", err)
		return 1
	}
	link, err := srv.LoginURL(ctx, "http://"+loopbackAddr(ln.Addr()))
	if err != nil {
		fmt.Fprintf(stderr, "samayoon web: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Espace équipe de Sama Yoon sur %s (catalogue : %s).\nOuvrez ce lien pour vous connecter (une seule fois, valable 10 minutes) :\n\n    %s\n\nCtrl-C pour arrêter.\n", ln.Addr(), cfg.CatalogFile, link)
	if err := health.Serve(ctx, health.NewServer(addr, srv), ln); err != nil {
		fmt.Fprintf(stderr, "samayoon web: %v\n", err)
		return 1
	}
	return 0
}

// loopbackAddr names a listener by 127.0.0.1 when it listens on every interface.
func loopbackAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// webServer builds the workspace over the sessions' Redis and binds addr.
func webServer(ctx context.Context, cfg config.Config, sess *sessions, counters stats.Reader, logger *slog.Logger, addr string) (*web.Server, net.Listener, error) {
	if counters == nil {
		counters = store.NewStats(sess.client, store.StatsOptions{Logger: logger})
	}
	srv, err := web.New(web.Config{
		CatalogFile: cfg.CatalogFile, AccountsFile: cfg.StaffAccountsFile,
		Sessions: store.NewWebSessions(sess.client, ""), Stats: counters, Logger: logger,
	})
	if err != nil {
		return nil, nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	return srv, ln, nil
}

// startStaffWeb runs the workspace next to the bot on STAFF_WEB_ADDR (never the webhook's
// listener); the returned wait blocks until it has stopped.
func startStaffWeb(ctx context.Context, cfg config.Config, sess *sessions, counters *store.Stats, logger *slog.Logger) (func() error, error) {
	if cfg.StaffWebAddr == "" {
		return func() error { return nil }, nil
	}
	if cfg.CatalogFile == "" {
		return nil, errors.New("STAFF_WEB_ADDR needs a catalog file to edit (CATALOG_FILE)")
	}
	srv, ln, err := webServer(ctx, cfg, sess, counters, logger, cfg.StaffWebAddr)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() {
		done <- health.Serve(ctx, health.NewServer(cfg.StaffWebAddr, srv), ln)
	}()
	logger.Info("staff web workspace listening", "component", "web", "addr", ln.Addr().String())
	return func() error { return <-done }, nil
}

// compile-time check: the workspace is an http.Handler.
var _ http.Handler = (*web.Server)(nil)
