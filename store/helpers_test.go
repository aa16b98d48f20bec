package store

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/internal/redistest"
)

// backend is a Redis the same store tests run against: start returns the client the Store
// uses and a plain client to inspect the data.
type backend struct {
	name  string
	start func(t testing.TB) (redis.UniversalClient, *redis.Client)
}

// backends lists a real redis-server, a one-node real Redis Cluster and the embedded
// miniredis: the same code path on all of them.
func backends() []backend {
	same := func(c *redis.Client) (redis.UniversalClient, *redis.Client) { return c, c }
	return []backend{
		{name: "redis-server", start: func(t testing.TB) (redis.UniversalClient, *redis.Client) {
			return same(redistest.Start(t).Client(t))
		}},
		{name: "redis-cluster", start: startCluster},
		{name: "miniredis", start: func(t testing.TB) (redis.UniversalClient, *redis.Client) {
			return same(startEmbedded(t))
		}},
	}
}

// startCluster connects through Open in Cluster mode to a one-node real Redis Cluster.
func startCluster(t testing.TB) (redis.UniversalClient, *redis.Client) {
	t.Helper()
	srv := redistest.Start(t, redistest.WithCluster())
	c, err := Open(context.Background(), Config{Cluster: true, ClusterAddrs: []string{srv.Addr()}}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if _, ok := c.(*redis.ClusterClient); !ok {
		t.Fatalf("Open in Cluster mode gave a %T", c)
	}
	return c, srv.Client(t)
}

// startEmbedded runs Embedded and connects to it through the same Open path as production.
func startEmbedded(t testing.TB) *redis.Client {
	t.Helper()
	url, stop, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// quietLogger discards logs in tests.
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// countHook counts round trips: one per command and one per pipeline, handshakes aside.
type countHook struct{ trips atomic.Int64 }

func (h *countHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !connSetup(cmd) {
			h.trips.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (h *countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !connSetup(cmds[0]) {
			h.trips.Add(1)
		}
		return next(ctx, cmds)
	}
}

var _ redis.Hook = (*countHook)(nil)

// connSetup reports whether cmd is a new connection's handshake (HELLO, CLIENT SETINFO),
// paid once per pooled connection rather than per update.
func connSetup(cmd redis.Cmder) bool {
	return cmd.Name() == "hello" || cmd.Name() == "client"
}

// keysOf lists the keys matching pattern with SCAN.
func keysOf(t testing.TB, c *redis.Client, pattern string) []string {
	t.Helper()
	var out []string
	iter := c.Scan(context.Background(), 0, pattern, 100).Iterator()
	for iter.Next(context.Background()) {
		out = append(out, iter.Val())
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// testBed is what one store test case gets besides the Store.
type testBed struct {
	client *redis.Client         // inspects the data
	store  redis.UniversalClient // the Store's own client
}

// slogTo logs text lines into w.
func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
