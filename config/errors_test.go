package config

import (
	"strings"
	"testing"
)

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		files map[string]string
		bad   []string // variables that must each start a line of the error
	}{
		{"token malformed", map[string]string{"TELEGRAM_BOT_TOKEN": "not a token"}, nil, []string{"TELEGRAM_BOT_TOKEN"}},
		{"token and file", map[string]string{"TELEGRAM_BOT_TOKEN": tok, "TELEGRAM_BOT_TOKEN_FILE": "/t"},
			map[string]string{"/t": tok}, []string{"TELEGRAM_BOT_TOKEN_FILE"}},
		{"token file missing", map[string]string{"TELEGRAM_BOT_TOKEN_FILE": "/nope"}, nil, []string{"TELEGRAM_BOT_TOKEN_FILE"}},
		{"token file empty", map[string]string{"TELEGRAM_BOT_TOKEN_FILE": "/t"}, map[string]string{"/t": "\n"}, []string{"TELEGRAM_BOT_TOKEN_FILE"}},
		{"token file garbage", map[string]string{"TELEGRAM_BOT_TOKEN_FILE": "/t"}, map[string]string{"/t": "a b"}, []string{"TELEGRAM_BOT_TOKEN_FILE"}},
		{"api url scheme", map[string]string{"TELEGRAM_API_URL": "ftp://x"}, nil, []string{"TELEGRAM_API_URL"}},
		{"api url no host", map[string]string{"TELEGRAM_API_URL": "https://"}, nil, []string{"TELEGRAM_API_URL"}},
		{"mode unknown", map[string]string{"TELEGRAM_MODE": "push"}, nil, []string{"TELEGRAM_MODE"}},
		{"operator name too long", map[string]string{"SAMAYOON_OPERATOR": strings.Repeat("é", 121)}, nil, []string{"SAMAYOON_OPERATOR"}},
		{"webhook missing url and secret", map[string]string{"TELEGRAM_BOT_TOKEN": tok, "TELEGRAM_MODE": "webhook"}, nil,
			[]string{"WEBHOOK_URL", "WEBHOOK_SECRET"}},
		{"webhook requirements reported even with a bad token", map[string]string{"TELEGRAM_BOT_TOKEN": "bad", "TELEGRAM_MODE": "webhook"}, nil,
			[]string{"TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET"}},
		{"webhook url not http", map[string]string{"WEBHOOK_URL": "bot.example.org"}, nil, []string{"WEBHOOK_URL"}},
		{"webhook secret bad chars", map[string]string{"WEBHOOK_SECRET": "a b!"}, nil, []string{"WEBHOOK_SECRET"}},
		{"webhook secret too long", map[string]string{"WEBHOOK_SECRET": strings.Repeat("a", 257)}, nil, []string{"WEBHOOK_SECRET"}},
		{"http addr", map[string]string{"HTTP_ADDR": "8080"}, nil, []string{"HTTP_ADDR"}},
		{"http addr port", map[string]string{"HTTP_ADDR": ":99999"}, nil, []string{"HTTP_ADDR"}},
		{"metrics equals http", map[string]string{"HTTP_ADDR": ":9000", "METRICS_ADDR": ":9000"}, nil, []string{"METRICS_ADDR"}},
		{"workers zero", map[string]string{"WORKERS": "0"}, nil, []string{"WORKERS"}},
		{"workers huge", map[string]string{"WORKERS": "1025"}, nil, []string{"WORKERS"}},
		{"workers text", map[string]string{"WORKERS": "many"}, nil, []string{"WORKERS"}},
		{"redis url scheme", map[string]string{"REDIS_URL": "http://u:hunter2@r:6379"}, nil, []string{"REDIS_URL"}},
		{"sentinel without addrs", map[string]string{"REDIS_SENTINEL_MASTER": "m"}, nil, []string{"REDIS_SENTINEL_ADDRS"}},
		{"sentinel addrs without master", map[string]string{"REDIS_SENTINEL_ADDRS": "s:26379"}, nil, []string{"REDIS_SENTINEL_MASTER"}},
		{"sentinel addr malformed", map[string]string{"REDIS_SENTINEL_MASTER": "m", "REDIS_SENTINEL_ADDRS": "s"}, nil,
			[]string{"REDIS_SENTINEL_ADDRS"}},
		{"sentinel and cluster", map[string]string{"REDIS_SENTINEL_MASTER": "m", "REDIS_SENTINEL_ADDRS": "s:1",
			"REDIS_CLUSTER": "true", "REDIS_ADDRS": "a:1"}, nil, []string{"REDIS_SENTINEL_MASTER"}},
		{"cluster without addrs", map[string]string{"REDIS_CLUSTER": "yes"}, nil, []string{"REDIS_ADDRS"}},
		{"cluster bool", map[string]string{"REDIS_CLUSTER": "maybe"}, nil, []string{"REDIS_CLUSTER"}},
		{"addrs without cluster", map[string]string{"REDIS_ADDRS": "a:1"}, nil, []string{"REDIS_CLUSTER"}},
		{"session ttl", map[string]string{"SESSION_TTL": "30 days"}, nil, []string{"SESSION_TTL"}},
		{"session ttl too short", map[string]string{"SESSION_TTL": "1s"}, nil, []string{"SESSION_TTL"}},
		{"catalog missing", map[string]string{"CATALOG_FILE": "/no/such.yaml"}, nil, []string{"CATALOG_FILE"}},
		{"catalog poll", map[string]string{"CATALOG_POLL": "-5s"}, nil, []string{"CATALOG_POLL"}},
		{"log format", map[string]string{"LOG_FORMAT": "xml"}, nil, []string{"LOG_FORMAT"}},
		{"log level", map[string]string{"LOG_LEVEL": "trace"}, nil, []string{"LOG_LEVEL"}},
		{"log hash key short", map[string]string{"LOG_HASH_KEY": "short"}, nil, []string{"LOG_HASH_KEY"}},
		{"staff chat", map[string]string{"STAFF_CHAT_ID": "staff"}, nil, []string{"STAFF_CHAT_ID"}},
		{"staff chat is a person", map[string]string{"STAFF_CHAT_ID": "5300000001"}, nil, []string{"STAFF_CHAT_ID"}},
		{"pprof addr", map[string]string{"PPROF_ADDR": "6060"}, nil, []string{"PPROF_ADDR"}},
		{"handoff reminder delay", map[string]string{"HANDOFF_REMIND": "soon"}, nil, []string{"HANDOFF_REMIND"}},
		{"outage notice delay", map[string]string{"OUTAGE_NOTICE_AFTER": "2h"}, nil, []string{"OUTAGE_NOTICE_AFTER"}},
		{"all at once", map[string]string{"WORKERS": "-1", "LOG_LEVEL": "loud", "TELEGRAM_MODE": "x", "SESSION_TTL": "y"}, nil,
			[]string{"WORKERS", "LOG_LEVEL", "TELEGRAM_MODE", "SESSION_TTL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(env(tc.env), fakeSystem(tc.files))
			if err == nil {
				t.Fatal("want an error")
			}
			lines := strings.Split(err.Error(), "\n")[1:]
			if len(lines) != len(tc.bad) {
				t.Errorf("want %d problem line(s), got:\n%v", len(tc.bad), err)
			}
			for _, name := range tc.bad {
				if !hasLinePrefix(lines, name+" ") {
					t.Errorf("no line starts with %s in:\n%v", name, err)
				}
			}
		})
	}
}

// hasLinePrefix reports whether one line starts with prefix.
func hasLinePrefix(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestProblemsHideSecrets(t *testing.T) {
	secrets := map[string]string{
		"TELEGRAM_BOT_TOKEN": "999:secret token", "WEBHOOK_SECRET": "hunter2 !",
		"REDIS_URL": "http://user:pa55word@r:1", "LOG_HASH_KEY": "tiny",
	}
	_, err := load(env(secrets), fakeSystem(nil))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, s := range []string{"secret token", "hunter2", "pa55word", "tiny"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error shows a secret %q:\n%v", s, err)
		}
	}
	c, err := load(env(map[string]string{"TELEGRAM_BOT_TOKEN": tok, "LOG_HASH_KEY": "0123456789abcdefXYZ"}), fakeSystem(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); strings.Contains(s, "ABC-def") || strings.Contains(s, "XYZ") {
		t.Errorf("String shows a secret: %s", s)
	}
}
