package metrics

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"
)

// RedisHook returns a go-redis hook counting failed commands, pipelines and dials in
// samayoon_redis_errors_total; add it with client.AddHook. A missing key (redis.Nil), a
// NOSCRIPT answer (go-redis then sends the script itself), a cancelled caller and the optional
// connection handshake commands (HELLO, CLIENT SETINFO/MAINT_NOTIFICATIONS, unknown to older
// servers) are not errors.
func (m *Metrics) RedisHook() redis.Hook { return redisHook{m: m} }

// redisHook implements redis.Hook over Metrics.
type redisHook struct{ m *Metrics }

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
	h.m.RedisError()
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
