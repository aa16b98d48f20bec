package health

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Server timeouts: Telegram's webhook calls and Prometheus scrapes are small and quick, and
// slow clients must not hold connections open.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 30 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownTimeout   = 8 * time.Second
)

// Mux returns a mux with /healthz and /readyz, plus /metrics when metrics is non-nil; mount the webhook on it.
func Mux(metrics http.Handler, checks ...Check) *http.ServeMux {
	mux := http.NewServeMux()
	h := Handler(checks...)
	mux.Handle("GET /healthz", h)
	mux.Handle("GET /readyz", h)
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}

// NewServer wraps h in an http.Server with every timeout set.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr: addr, Handler: h,
		ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout,
		WriteTimeout: WriteTimeout, IdleTimeout: IdleTimeout, MaxHeaderBytes: 16 << 10,
	}
}

// Listen binds srv.Addr now, so a taken port fails start-up with a clear error instead of later.
func Listen(ctx context.Context, srv *http.Server) (net.Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", srv.Addr)
	if err != nil {
		return nil, fmt.Errorf("health: listen on %s: %w", srv.Addr, err)
	}
	return ln, nil
}

// Serve serves srv on ln until ctx ends, then shuts down gracefully within ShutdownTimeout; nil on a clean stop.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("health: serve %s: %w", srv.Addr, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("health: shut down %s: %w", srv.Addr, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("health: serve %s: %w", srv.Addr, err)
	}
	return nil
}

// Probe GETs /healthz of a server listening on addr (":8080" or "host:port") and fails unless it answers 200.
func Probe(ctx context.Context, addr string) error {
	u, err := probeURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("health: probe request: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: probe %s: %w", u, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: probe %s: status %d", u, resp.StatusCode)
	}
	return nil
}

// probeURL turns a listen address into a loopback URL (a wildcard host means this machine).
func probeURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("health: probe address %q must be host:port or :port", addr)
	}
	switch host {
	case "", "0.0.0.0", "::", "[::]":
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
