// Package config reads and validates Sama Yoon's whole configuration from the environment in
// one place, reporting every problem at once so an operator fixes them in a single pass; it is
// the only package that reads the environment (internal/cli passes the result down).
package config

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Mode says which channel the process runs.
type Mode string

// The run modes: console without a token, otherwise the Telegram intake chosen by TELEGRAM_MODE.
const (
	ModeConsole Mode = "console"
	ModePolling Mode = "polling"
	ModeWebhook Mode = "webhook"
)

// DefaultCatalogFile is used when CATALOG_FILE is unset and this file exists (relative to the working directory).
const DefaultCatalogFile = "catalog/catalog.yaml"

// Config is the validated configuration; see docs/operations.md for each variable.
type Config struct {
	Token         string // bot token (never print it; String redacts it)
	APIURL        string // Bot API base URL without trailing slash
	TelegramMode  Mode   // ModePolling or ModeWebhook (meaningful only with a token)
	WebhookURL    string // public URL registered with setWebhook
	WebhookSecret string // X-Telegram-Bot-Api-Secret-Token value

	HTTPAddr    string // webhook, /healthz, /readyz and /metrics; "" = no HTTP server
	MetricsAddr string // separate /metrics listener; "" = on HTTPAddr
	Workers     int    // concurrent chats

	RedisURL            string   // redis:// or rediss://; "" with no Sentinel/Cluster = embedded
	RedisSentinelMaster string   // Sentinel master name
	RedisSentinelAddrs  []string // Sentinel host:port list
	RedisCluster        bool     // Cluster mode
	RedisAddrs          []string // Cluster seed host:port list
	SessionTTL          time.Duration

	CatalogFile string        // "" = the embedded catalog
	CatalogPoll time.Duration // how often the catalog file is checked for edits

	LogFormat     string // "json" or "text"
	LogLevel      string // "debug", "info", "warn" or "error"
	LogHashKey    []byte // key for chat-id hashes in logs
	LogHashRandom bool   // LogHashKey was generated for this process (hashes differ across restarts)

	StaffChatID int64         // staff Telegram group; 0 = none
	RemindAfter time.Duration // re-announce an unanswered handoff request after this; 0 = never

	NoticeAfter time.Duration // an update held this long while Redis is down gets one outage notice; 0 = never

	Operator string // who runs this instance, shown by /apropos; "" = the Sama Yoon volunteers

	Locale                string // LANG, the terminal's locale (e.g. fr_SN.UTF-8): the console's first language
	PprofAddr             string // PPROF_ADDR, net/http/pprof in builds made with -tags pprof; "" = off
	StaffWebAddr          string // the staff web workspace's own listener; "" = off
	StaffAccountsFile     string // the staff accounts (JSON, bcrypt hashes) of the web workspace
	AlertsRate            int    // alert messages per second, below Telegram's ~30 overall
	AlertsRequireApproval bool   // alerts wait for `samayoon alerts send`
}

// Mode returns console without a token, else the Telegram intake mode.
func (c Config) Mode() Mode {
	if c.Token == "" {
		return ModeConsole
	}
	return c.TelegramMode
}

// RedisEmbedded reports whether no Redis was configured, so an in-process one is used.
func (c Config) RedisEmbedded() bool {
	return c.RedisURL == "" && c.RedisSentinelMaster == "" && !c.RedisCluster
}

// String describes the configuration for a start-up log line without any secret.
func (c Config) String() string {
	redis := "embedded"
	switch {
	case c.RedisSentinelMaster != "":
		redis = "sentinel"
	case c.RedisCluster:
		redis = "cluster"
	case c.RedisURL != "":
		redis = "single"
	}
	catalog := c.CatalogFile
	if catalog == "" {
		catalog = "embedded"
	}
	return fmt.Sprintf("mode=%s http=%q metrics=%q workers=%d redis=%s session_ttl=%s catalog=%q poll=%s log=%s/%s staff_chat=%t remind=%s notice_after=%s",
		c.Mode(), c.HTTPAddr, c.MetricsAddr, c.Workers, redis, c.SessionTTL, catalog, c.CatalogPoll,
		c.LogFormat, c.LogLevel, c.StaffChatID != 0, c.RemindAfter, c.NoticeAfter)
}

// system is what Load needs from the outside world, injectable for tests.
type system struct {
	readFile func(string) ([]byte, error)
	exists   func(string) bool
	random   func([]byte) (int, error)
}

// osSystem is the real filesystem and crypto/rand.
func osSystem() system {
	return system{
		readFile: os.ReadFile,
		exists: func(p string) bool {
			st, err := os.Stat(p)
			return err == nil && st.Mode().IsRegular()
		},
		random: rand.Read,
	}
}

// Load reads every variable through getenv and returns all problems joined, one line each.
func Load(getenv func(string) string) (Config, error) {
	return load(getenv, osSystem())
}

// load is Load with the outside world injected.
func load(getenv func(string) string, sys system) (Config, error) {
	r := &reader{getenv: getenv}
	var c Config
	r.telegram(&c, sys)
	r.server(&c)
	r.redis(&c)
	r.catalog(&c, sys)
	r.logging(&c, sys)
	c.StaffChatID = r.int64("STAFF_CHAT_ID")
	c.RemindAfter = r.duration("HANDOFF_REMIND", 30*time.Minute, 0, 7*24*time.Hour)
	c.NoticeAfter = r.duration("OUTAGE_NOTICE_AFTER", 5*time.Second, 0, time.Hour)
	if c.StaffChatID > 0 {
		r.bad("STAFF_CHAT_ID", "a group's id is negative (e.g. -1001234567890); a positive id is a person")
	}
	c.StaffWebAddr, c.StaffAccountsFile = r.addr("STAFF_WEB_ADDR", ""), r.str("STAFF_ACCOUNTS_FILE", "")
	c.Operator = r.str("SAMAYOON_OPERATOR", "")
	if len([]rune(c.Operator)) > 120 {
		r.bad("SAMAYOON_OPERATOR", "at most 120 characters: it is shown to users by /apropos")
	}
	r.alerts(&c)
	c.Locale = r.str("LANG", "")
	c.PprofAddr = r.addr("PPROF_ADDR", "")
	if len(r.problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %d problem(s):\n%w", len(r.problems), errors.Join(r.problems...))
	}
	return c, nil
}

// telegram reads the token, API URL and intake mode.
func (r *reader) telegram(c *Config, sys system) {
	c.Token = r.token(sys)
	c.APIURL = strings.TrimRight(r.url("TELEGRAM_API_URL", "https://api.telegram.org"), "/")
	c.TelegramMode = Mode(r.oneOf("TELEGRAM_MODE", "polling", "polling", "webhook"))
	c.WebhookURL = r.url("WEBHOOK_URL", "")
	c.WebhookSecret = r.str("WEBHOOK_SECRET", "")
	if c.WebhookSecret != "" && !validSecret(c.WebhookSecret) {
		r.bad("WEBHOOK_SECRET", "must be 1-256 characters of A-Z a-z 0-9 _ - (value not shown)")
	}
	given := r.str("TELEGRAM_BOT_TOKEN", "") != "" || r.str("TELEGRAM_BOT_TOKEN_FILE", "") != ""
	if given && c.TelegramMode == ModeWebhook {
		if r.str("WEBHOOK_URL", "") == "" {
			r.bad("WEBHOOK_URL", "is required when TELEGRAM_MODE=webhook")
		}
		if c.WebhookSecret == "" {
			r.bad("WEBHOOK_SECRET", "is required when TELEGRAM_MODE=webhook")
		}
	}
}

// server reads the listen addresses and worker count.
func (r *reader) server(c *Config) {
	def := ""
	if c.Token != "" {
		def = ":8080"
	}
	c.HTTPAddr = r.addr("HTTP_ADDR", def)
	c.MetricsAddr = r.addr("METRICS_ADDR", "")
	if c.Token != "" && c.TelegramMode == ModeWebhook && c.HTTPAddr == "" {
		r.bad("HTTP_ADDR", "is required when TELEGRAM_MODE=webhook")
	}
	if c.MetricsAddr != "" && c.MetricsAddr == c.HTTPAddr {
		r.bad("METRICS_ADDR", "must differ from HTTP_ADDR (leave it empty to serve /metrics on HTTP_ADDR)")
	}
	c.Workers = r.intRange("WORKERS", 32, 1, 1024)
}

// catalog reads the catalog file and poll interval.
func (r *reader) catalog(c *Config, sys system) {
	c.CatalogFile = r.str("CATALOG_FILE", "")
	switch {
	case c.CatalogFile == "" && sys.exists(DefaultCatalogFile):
		c.CatalogFile = DefaultCatalogFile
	case c.CatalogFile != "" && !sys.exists(c.CatalogFile):
		r.bad("CATALOG_FILE", "file not found or not a regular file: "+c.CatalogFile)
	}
	c.CatalogPoll = r.duration("CATALOG_POLL", 5*time.Second, 100*time.Millisecond, 24*time.Hour)
}

// logging reads the log format, level and hash key.
func (r *reader) logging(c *Config, sys system) {
	def := "json"
	if c.Token == "" {
		def = "text"
	}
	c.LogFormat = r.oneOf("LOG_FORMAT", def, "json", "text")
	c.LogLevel = r.oneOf("LOG_LEVEL", "info", "debug", "info", "warn", "error")
	if k := r.str("LOG_HASH_KEY", ""); k != "" {
		if len(k) < 16 {
			r.bad("LOG_HASH_KEY", "must be at least 16 characters (value not shown)")
		}
		c.LogHashKey = []byte(k)
		return
	}
	c.LogHashKey, c.LogHashRandom = make([]byte, 32), true
	if _, err := sys.random(c.LogHashKey); err != nil {
		r.bad("LOG_HASH_KEY", "unset and no random key could be generated: "+err.Error())
	}
}
