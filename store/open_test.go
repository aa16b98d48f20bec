package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/internal/redistest"
)

func TestConfigOptions(t *testing.T) {
	cases := []struct {
		name                       string
		cfg                        Config
		wantErr                    string
		addrs                      []string
		user, pass, mode, sentinel string
		db                         int
		tls                        bool
	}{
		{name: "plain URL", cfg: Config{URL: "redis://localhost:6379/2"},
			addrs: []string{"localhost:6379"}, db: 2, mode: "single"},
		{name: "TLS with password", cfg: Config{URL: "rediss://default:s3cret@redis.example.org:6380"},
			addrs: []string{"redis.example.org:6380"}, user: "default", pass: "s3cret", tls: true, mode: "single"},
		{name: "password only", cfg: Config{URL: "redis://:pw@10.0.0.5:6379"},
			addrs: []string{"10.0.0.5:6379"}, pass: "pw", mode: "single"},
		{name: "sentinel", cfg: Config{URL: "redis://:pw@ignored:1", SentinelMaster: "mymaster",
			SentinelAddrs: []string{"s1:26379", "s2:26379", "s3:26379"}},
			addrs: []string{"s1:26379", "s2:26379", "s3:26379"}, pass: "pw", mode: "sentinel", sentinel: "mymaster"},
		{name: "cluster", cfg: Config{Cluster: true, ClusterAddrs: []string{"c1:7000", "c2:7001"}},
			addrs: []string{"c1:7000", "c2:7001"}, mode: "cluster"},
		{name: "cluster from one URL", cfg: Config{Cluster: true, URL: "rediss://u:p@cfg.example:6379"},
			addrs: []string{"cfg.example:6379"}, user: "u", pass: "p", tls: true, mode: "cluster"},
		{name: "bad scheme", cfg: Config{URL: "http://x:1"}, wantErr: "REDIS_URL"},
		{name: "bad scheme hides password", cfg: Config{URL: "http://u:hunter2@x:1"}, wantErr: "REDIS_URL"},
		{name: "sentinel without addrs", cfg: Config{SentinelMaster: "m"}, wantErr: "REDIS_SENTINEL_ADDRS"},
		{name: "cluster without addrs", cfg: Config{Cluster: true}, wantErr: "REDIS_ADDRS"},
		{name: "both modes", cfg: Config{Cluster: true, SentinelMaster: "m", SentinelAddrs: []string{"a:1"}}, wantErr: "not both"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.cfg.options()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "hunter2") {
					t.Fatalf("err = %v; want one mentioning %q and no password", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(o.Addrs, o.Username, o.Password, o.DB, o.TLSConfig != nil, modeName(o), o.MasterName)
			want := fmt.Sprint(tc.addrs, tc.user, tc.pass, tc.db, tc.tls, tc.mode, tc.sentinel)
			if got != want {
				t.Fatalf("options = %s; want %s", got, want)
			}
			if o.ReadTimeout <= 0 || o.DialTimeout <= 0 {
				t.Fatalf("timeouts not set: %+v", o)
			}
		})
	}
}

func TestConfigNothingSet(t *testing.T) {
	var cfg Config
	if cfg.Configured() {
		t.Fatal("the zero Config counts as configured; want Embedded")
	}
	if _, err := Open(context.Background(), cfg, quietLogger()); err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("Open of nothing = %v; want an error naming REDIS_URL", err)
	}
}

func TestIsUnavailable(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"refused", fmt.Errorf("store: load: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), true},
		{"eof", fmt.Errorf("store: save: %w", io.EOF), true},
		{"pool timeout", fmt.Errorf("x: %w", redis.ErrPoolTimeout), true},
		{"closed client", redis.ErrClosed, true},
		{"loading", fmt.Errorf("x: %w", redisErr("LOADING Redis is loading the dataset in memory")), true},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), true},
		{"caller cancelled", fmt.Errorf("x: %w", context.Canceled), false},
		{"script error", redisErr("ERR Error running script"), false},
		{"wrong type", redisErr("WRONGTYPE Operation against a key holding the wrong kind of value"), false},
		{"other", errors.New("boom"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsUnavailable(tc.err); got != tc.want {
				t.Fatalf("IsUnavailable(%v) = %v; want %v", tc.err, got, tc.want)
			}
		})
	}
}

// redisErr is a reply error as go-redis reports it.
type redisErr string

func (e redisErr) Error() string { return string(e) }
func (e redisErr) RedisError()   {}

func TestOpenRetriesUntilContextEnds(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	var logs strings.Builder
	_, err = Open(ctx, Config{URL: "redis://:topsecret@" + addr}, slogTo(&logs))
	if err == nil || !IsUnavailable(err) {
		t.Fatalf("Open = %v; want an unavailable error after ctx ends", err)
	}
	if n := strings.Count(logs.String(), "redis unreachable, retrying"); n < 2 {
		t.Fatalf("logged %d retries; want at least 2:\n%s", n, logs.String())
	}
	if strings.Contains(logs.String()+err.Error(), "topsecret") {
		t.Fatal("password leaked into logs or error")
	}
}

func TestOpenEmbedded(t *testing.T) {
	url, stop, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	c, err := Open(context.Background(), Config{URL: url}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := New(c, Options{}).Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestOpenSpeaksRESP2 guards the protocol choice: on RESP3 go-redis reads the socket for
// push messages before every command, which the store never receives.
func TestOpenSpeaksRESP2(t *testing.T) {
	srv := redistest.Start(t)
	c, err := Open(context.Background(), Config{URL: srv.URL()}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	info, err := c.Do(context.Background(), "CLIENT", "INFO").Text()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+strings.TrimSpace(info)+" ", " resp=2 ") {
		t.Fatalf("CLIENT INFO = %q; want resp=2", info)
	}
}
