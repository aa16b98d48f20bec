package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Config says how to reach Redis; internal/cli builds it from the validated configuration
// (REDIS_URL, REDIS_SENTINEL_*, REDIS_CLUSTER, REDIS_ADDRS). Nothing set means Embedded.
type Config struct {
	URL            string   // redis:// or rediss:// (TLS); carries user, password and DB
	SentinelMaster string   // Sentinel mode when set: the master's name
	SentinelAddrs  []string // Sentinel host:port list
	Cluster        bool     // Cluster mode
	ClusterAddrs   []string // Cluster seed host:port list
}

// Connection defaults: fail fast so a lost Redis turns into a polite reply, not a hang.
const (
	dialTimeout  = 2 * time.Second
	ioTimeout    = time.Second
	poolTimeout  = 2 * time.Second
	maxBackoff   = 5 * time.Second
	firstBackoff = 100 * time.Millisecond
	connBuffer   = 4 << 10 // read and write buffer per connection; longer replies are read in pieces
)

// Configured reports whether any Redis was configured (otherwise run Embedded).
func (c Config) Configured() bool {
	return c.URL != "" || c.SentinelMaster != "" || c.Cluster
}

// options turns the Config into go-redis options with the mode set explicitly.
func (c Config) options() (*redis.UniversalOptions, error) {
	o := &redis.UniversalOptions{
		DialTimeout: dialTimeout, ReadTimeout: ioTimeout, WriteTimeout: ioTimeout,
		PoolTimeout: poolTimeout, MaxRetries: 1, ContextTimeoutEnabled: true, DialerRetries: 1,
		// Sessions and replies are a few dozen bytes: small buffers instead of go-redis'
		// 32 KiB per connection (128 KiB in its pipeline pool) keep about 3.5 MB off the heap.
		ReadBufferSize: connBuffer, WriteBufferSize: connBuffer,
		PipelineReadBufferSize: connBuffer, PipelineWriteBufferSize: connBuffer,
		// RESP2: the store uses no RESP3 feature (client-side caching, push messages), and on
		// RESP3 go-redis reads the socket for pending push messages before every command.
		Protocol: 2,
	}
	if c.URL != "" {
		u, err := redis.ParseURL(c.URL)
		if err != nil {
			return nil, fmt.Errorf("store: REDIS_URL must be redis://[user:password@]host:port[/db] or rediss://...: %w", redactErr(err, c.URL))
		}
		o.Addrs = []string{u.Addr}
		o.Username, o.Password, o.DB, o.TLSConfig = u.Username, u.Password, u.DB, u.TLSConfig
	}
	switch {
	case c.SentinelMaster != "" && c.Cluster:
		return nil, errors.New("store: choose Sentinel or Cluster, not both")
	case c.SentinelMaster != "":
		if len(c.SentinelAddrs) == 0 {
			return nil, errors.New("store: REDIS_SENTINEL_ADDRS is required with REDIS_SENTINEL_MASTER")
		}
		o.MasterName, o.Addrs = c.SentinelMaster, c.SentinelAddrs
	case c.Cluster:
		if len(c.ClusterAddrs) > 0 {
			o.Addrs = c.ClusterAddrs
		}
		if len(o.Addrs) == 0 {
			return nil, errors.New("store: REDIS_ADDRS (or REDIS_URL) is required with REDIS_CLUSTER=true")
		}
		o.IsClusterMode, o.DB = true, 0
	case c.URL == "":
		return nil, errors.New("store: no Redis configured (set REDIS_URL)")
	}
	return o, nil
}

// redactErr keeps a URL's password out of an error message.
func redactErr(err error, url string) error {
	msg := err.Error()
	if i := strings.Index(url, "@"); i > 0 {
		msg = strings.ReplaceAll(msg, url[:i], "<credentials>")
	}
	return errors.New(msg)
}

// Open connects to Redis and waits, retrying with capped backoff, until it answers or ctx ends.
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (redis.UniversalClient, error) {
	if logger == nil {
		logger = slog.Default()
	}
	logger = logger.With("component", "store")
	o, err := cfg.options()
	if err != nil {
		return nil, err
	}
	client := redis.NewUniversalClient(o)
	mode := modeName(o)
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		err := client.Ping(ctx).Err()
		if err == nil {
			logger.InfoContext(ctx, "connected to redis", "mode", mode, "addrs", o.Addrs, "tls", o.TLSConfig != nil)
			return client, nil
		}
		logger.WarnContext(ctx, "redis unreachable, retrying", "mode", mode, "addrs", o.Addrs,
			"attempt", attempt, "retry_in", backoff, "error", err.Error())
		select {
		case <-ctx.Done():
			_ = client.Close()
			return nil, fmt.Errorf("store: connect to redis (%s %v): %w", mode, o.Addrs, errors.Join(ctx.Err(), err))
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

// modeName names the client mode for logs.
func modeName(o *redis.UniversalOptions) string {
	switch {
	case o.MasterName != "":
		return "sentinel"
	case o.IsClusterMode:
		return "cluster"
	}
	return "single"
}

// Embedded starts an in-process miniredis for the no-configuration local mode.
func Embedded() (url string, stop func(), err error) {
	m, err := miniredis.Run()
	if err != nil {
		return "", nil, fmt.Errorf("store: start embedded redis: %w", err)
	}
	return "redis://" + m.Addr(), m.Close, nil
}
