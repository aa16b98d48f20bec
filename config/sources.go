package config

import (
	"net/url"
	"strings"
	"time"
)

// token reads TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE (never both) and checks its shape.
func (r *reader) token(sys system) string {
	tok, file := r.str("TELEGRAM_BOT_TOKEN", ""), r.str("TELEGRAM_BOT_TOKEN_FILE", "")
	switch {
	case tok != "" && file != "":
		r.bad("TELEGRAM_BOT_TOKEN_FILE", "and TELEGRAM_BOT_TOKEN are both set: keep only one")
		return ""
	case file != "":
		b, err := sys.readFile(file)
		if err != nil {
			r.bad("TELEGRAM_BOT_TOKEN_FILE", "cannot be read: "+err.Error())
			return ""
		}
		tok = strings.TrimSpace(string(b))
		if tok == "" {
			r.bad("TELEGRAM_BOT_TOKEN_FILE", "names an empty file")
			return ""
		}
		if !tokenPattern.MatchString(tok) {
			r.bad("TELEGRAM_BOT_TOKEN_FILE", "does not hold a bot token of the form 123456:ABC-def (value not shown)")
			return ""
		}
		return tok
	}
	if tok != "" && !tokenPattern.MatchString(tok) {
		r.bad("TELEGRAM_BOT_TOKEN", "is not a bot token of the form 123456:ABC-def (value not shown)")
		return ""
	}
	return tok
}

// redis reads the Redis connection variables with the same rules as the store package.
func (r *reader) redis(c *Config) {
	c.RedisURL = r.str("REDIS_URL", "")
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			r.bad("REDIS_URL", "must be redis://[user:password@]host:port[/db] or rediss://... (value not shown)")
		}
	}
	c.RedisSentinelMaster = r.str("REDIS_SENTINEL_MASTER", "")
	c.RedisSentinelAddrs = r.list("REDIS_SENTINEL_ADDRS")
	c.RedisCluster = r.bool("REDIS_CLUSTER")
	c.RedisAddrs = r.list("REDIS_ADDRS")
	switch {
	case c.RedisSentinelMaster != "" && c.RedisCluster:
		r.bad("REDIS_SENTINEL_MASTER", "and REDIS_CLUSTER=true are both set: choose Sentinel or Cluster")
	case c.RedisSentinelMaster != "" && r.str("REDIS_SENTINEL_ADDRS", "") == "":
		r.bad("REDIS_SENTINEL_ADDRS", "is required with REDIS_SENTINEL_MASTER")
	case c.RedisSentinelMaster == "" && r.str("REDIS_SENTINEL_ADDRS", "") != "":
		r.bad("REDIS_SENTINEL_MASTER", "is required with REDIS_SENTINEL_ADDRS")
	case c.RedisCluster && r.str("REDIS_ADDRS", "") == "" && c.RedisURL == "":
		r.bad("REDIS_ADDRS", "(or REDIS_URL) is required with REDIS_CLUSTER=true")
	case !c.RedisCluster && r.str("REDIS_ADDRS", "") != "":
		r.bad("REDIS_CLUSTER", "must be true when REDIS_ADDRS is set")
	}
	c.SessionTTL = r.duration("SESSION_TTL", 720*time.Hour, time.Minute, 24*365*time.Hour)
}
