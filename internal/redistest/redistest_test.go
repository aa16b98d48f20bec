package redistest

import (
	"context"
	"runtime"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestRestartKeepsAOFData(t *testing.T) {
	cases := []struct {
		name     string
		opts     []Option
		wantKept bool
	}{
		{"with AOF data survives", []Option{WithAOF()}, true},
		{"without AOF data is gone", nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := Start(t, tc.opts...)
			c := s.Client(t)
			ctx := context.Background()
			if err := c.Set(ctx, "k", "v", 0).Err(); err != nil {
				t.Fatal(err)
			}
			addr := s.Addr()
			s.Restart()
			if s.Addr() != addr {
				t.Fatalf("restarted on %s; want %s", s.Addr(), addr)
			}
			n, err := c.Exists(ctx, "k").Result()
			if err != nil {
				t.Fatalf("client did not reconnect: %v", err)
			}
			if kept := n == 1; kept != tc.wantKept {
				t.Fatalf("key kept = %v; want %v", kept, tc.wantKept)
			}
		})
	}
}

func TestStopMakesClientsFail(t *testing.T) {
	s := Start(t)
	c := s.Client(t)
	s.Stop()
	if err := c.Ping(context.Background()).Err(); err == nil {
		t.Fatal("PING succeeded after Stop")
	}
	s.Stop() // idempotent
}

// recordingTB records how Start gave up; Fatalf and Skipf end the goroutine like the real ones.
type recordingTB struct {
	testing.TB
	how string
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Fatalf(string, ...any) {
	r.how = "fatal"
	runtime.Goexit()
}
func (r *recordingTB) Skipf(string, ...any) {
	r.how = "skip"
	runtime.Goexit()
}

func TestMissingBinary(t *testing.T) {
	cases := []struct {
		name, ci, want string
	}{
		{"fails in CI", "true", "fatal"},
		{"skips locally", "", "skip"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", t.TempDir())
			t.Setenv("CI", tc.ci)
			rec := &recordingTB{TB: t}
			done := make(chan struct{})
			go func() { defer close(done); Start(rec) }()
			<-done
			if rec.how != tc.want {
				t.Fatalf("Start without redis-server: %q; want %q", rec.how, tc.want)
			}
		})
	}
}

func TestClusterOwnsEverySlot(t *testing.T) {
	s := Start(t, WithCluster())
	c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{s.Addr()}})
	t.Cleanup(func() { _ = c.Close() })
	ctx := context.Background()
	for _, k := range []string{"a", "b", "{chat:1}:s"} {
		if err := c.Set(ctx, k, "v", 0).Err(); err != nil {
			t.Fatalf("SET %s: %v", k, err)
		}
	}
	if err := c.MSet(ctx, "x", 1, "y", 2).Err(); err == nil {
		t.Fatal("cross-slot MSET accepted; not in cluster mode")
	}
}
