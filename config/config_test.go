package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const tok = "123456:ABC-def_ghi"

// fakeSystem serves files from a map and a fixed random key.
func fakeSystem(files map[string]string) system {
	return system{
		readFile: func(p string) ([]byte, error) {
			if s, ok := files[p]; ok {
				return []byte(s), nil
			}
			return nil, fs.ErrNotExist
		},
		exists: func(p string) bool { _, ok := files[p]; return ok },
		random: func(b []byte) (int, error) {
			for i := range b {
				b[i] = 7
			}
			return len(b), nil
		},
	}
}

// env turns a map into a getenv function.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		files map[string]string
		check func(t *testing.T, c Config)
	}{
		{"console without token", nil, nil, func(t *testing.T, c Config) {
			want(t, c.Mode(), ModeConsole)
			want(t, c.HTTPAddr, "")
			want(t, c.LogFormat, "text")
			want(t, c.CatalogFile, "")
			want(t, c.RedisEmbedded(), true)
			want(t, c.Locale, "")
			want(t, c.PprofAddr, "")
		}},
		{"polling with token", map[string]string{"TELEGRAM_BOT_TOKEN": tok}, nil, func(t *testing.T, c Config) {
			want(t, c.Mode(), ModePolling)
			want(t, c.HTTPAddr, ":8080")
			want(t, c.LogFormat, "json")
			want(t, c.LogLevel, "info")
			want(t, c.Workers, 32)
			want(t, c.SessionTTL, 720*time.Hour)
			want(t, c.CatalogPoll, 5*time.Second)
			want(t, c.APIURL, "https://api.telegram.org")
			want(t, c.LogHashRandom, true)
			want(t, len(c.LogHashKey), 32)
			want(t, c.NoticeAfter, 5*time.Second)
		}},
		{"default catalog file when present", nil, map[string]string{DefaultCatalogFile: "x"}, func(t *testing.T, c Config) {
			want(t, c.CatalogFile, DefaultCatalogFile)
		}},
		{"webhook complete", map[string]string{
			"TELEGRAM_BOT_TOKEN": tok, "TELEGRAM_MODE": "Webhook", "WEBHOOK_URL": "https://bot.example.org/tg",
			"WEBHOOK_SECRET": "s3cr3t_-x", "HTTP_ADDR": "0.0.0.0:9000", "METRICS_ADDR": "127.0.0.1:9100",
			"TELEGRAM_API_URL": "http://fake:8081/", "STAFF_CHAT_ID": "-1001234567890", "LOG_HASH_KEY": "0123456789abcdef",
			"SAMAYOON_OPERATOR": "ARD Diourbel", "LANG": "fr_SN.UTF-8", "PPROF_ADDR": "127.0.0.1:6060",
		}, nil, func(t *testing.T, c Config) {
			want(t, c.Locale, "fr_SN.UTF-8")
			want(t, c.PprofAddr, "127.0.0.1:6060")
			want(t, c.Operator, "ARD Diourbel")
			want(t, c.Mode(), ModeWebhook)
			want(t, c.HTTPAddr, "0.0.0.0:9000")
			want(t, c.MetricsAddr, "127.0.0.1:9100")
			want(t, c.APIURL, "http://fake:8081")
			want(t, c.StaffChatID, int64(-1001234567890))
			want(t, c.LogHashRandom, false)
			want(t, string(c.LogHashKey), "0123456789abcdef")
		}},
		{"token from file trimmed", map[string]string{"TELEGRAM_BOT_TOKEN_FILE": "/run/secrets/tok"},
			map[string]string{"/run/secrets/tok": tok + "\n"}, func(t *testing.T, c Config) {
				want(t, c.Token, tok)
				want(t, c.Mode(), ModePolling)
			}},
		{"sentinel", map[string]string{"REDIS_SENTINEL_MASTER": "mymaster", "REDIS_SENTINEL_ADDRS": "s1:26379, s2:26379"}, nil,
			func(t *testing.T, c Config) {
				want(t, strings.Join(c.RedisSentinelAddrs, ","), "s1:26379,s2:26379")
				want(t, c.RedisEmbedded(), false)
			}},
		{"cluster", map[string]string{"REDIS_CLUSTER": "true", "REDIS_ADDRS": "a:7000,b:7001"}, nil, func(t *testing.T, c Config) {
			want(t, c.RedisCluster, true)
			want(t, len(c.RedisAddrs), 2)
		}},
		{"tuned values", map[string]string{"WORKERS": "1024", "SESSION_TTL": "24h", "CATALOG_POLL": "1m", "LOG_LEVEL": "DEBUG",
			"REDIS_URL": "rediss://u:p@redis:6380/2"}, nil, func(t *testing.T, c Config) {
			want(t, c.Workers, 1024)
			want(t, c.SessionTTL, 24*time.Hour)
			want(t, c.CatalogPoll, time.Minute)
			want(t, c.LogLevel, "debug")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(env(tc.env), fakeSystem(tc.files))
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			tc.check(t, c)
		})
	}
}

// want fails the test when got differs from exp.
func want[T comparable](t *testing.T, got, exp T) {
	t.Helper()
	if got != exp {
		t.Errorf("got %v, want %v", got, exp)
	}
}

func TestLoadFromRealFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte(tok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"TELEGRAM_BOT_TOKEN_FILE": p, "CATALOG_FILE": p}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want(t, c.Token, tok)
	want(t, c.CatalogFile, p)
}

func TestLoadRandomKeyFailure(t *testing.T) {
	sys := fakeSystem(nil)
	sys.random = func([]byte) (int, error) { return 0, errors.New("no entropy") }
	_, err := load(env(nil), sys)
	if err == nil || !strings.Contains(err.Error(), "LOG_HASH_KEY") {
		t.Fatalf("want LOG_HASH_KEY problem, got %v", err)
	}
}
