package store

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Client is the go-redis client every store type is built on; the wiring in internal/cli
// passes it along and closes it without importing go-redis (only store speaks Redis).
type Client = redis.UniversalClient

// ErrorCounter counts failed Redis operations (metrics.Metrics is one).
type ErrorCounter interface{ RedisError() }

// CountErrors makes c report each failed command, pipeline and dial to counter. A missing key
// (redis.Nil), a NOSCRIPT answer (go-redis then sends the script itself), a cancelled caller
// and the optional connection handshake commands (HELLO, CLIENT SETINFO/MAINT_NOTIFICATIONS,
// unknown to older servers) are not failures.
func CountErrors(c Client, counter ErrorCounter) { c.AddHook(redisHook{counter: counter}) }

// Printer is what go-redis logs through: Printf(ctx, format, args...) (internal/logging.Printf).
type Printer interface {
	Printf(ctx context.Context, format string, args ...any)
}

// SetLogger sends go-redis' own log lines (connection trouble) to p; go-redis keeps its
// logger in one process-wide variable, so call this once at start-up.
func SetLogger(p Printer) { redis.SetLogger(p) }

// redisHook implements redis.Hook over an ErrorCounter.
type redisHook struct{ counter ErrorCounter }

// DialHook counts failed connection attempts.
func (h redisHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		h.count(err)
		return c, err
	}
}

// ProcessHook counts failed single commands.
func (h redisHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if !handshake(cmd) {
			h.count(err)
		}
		return err
	}
}

// ProcessPipelineHook counts a failed pipeline once.
func (h redisHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if !allHandshake(cmds) {
			h.count(err)
		}
		return err
	}
}

// handshake reports whether cmd is one go-redis sends on its own when it opens a connection.
func handshake(cmd redis.Cmder) bool {
	name := cmd.Name()
	return name == "hello" || name == "client"
}

// allHandshake reports whether every command of a pipeline is a handshake command.
func allHandshake(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		if !handshake(c) {
			return false
		}
	}
	return true
}

// count records err unless it is a normal outcome.
func (h redisHook) count(err error) {
	if !isRedisFailure(err) {
		return
	}
	h.counter.RedisError()
}

// isRedisFailure reports whether err means Redis failed rather than answered normally.
func isRedisFailure(err error) bool {
	switch {
	case err == nil, errors.Is(err, redis.Nil), errors.Is(err, context.Canceled):
		return false
	case strings.HasPrefix(err.Error(), "NOSCRIPT"):
		return false
	}
	return true
}
