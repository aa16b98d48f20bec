// Package redistest starts a real redis-server for tests on a free loopback port, so
// Redis-backed behaviour is tested against the real thing (fail in CI, skip locally if missing).
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Option configures Start.
type Option func(*config)

type config struct {
	aof, cluster bool
}

// WithAOF turns on the append-only file with fsync on every write, so data survives Restart.
func WithAOF() Option { return func(c *config) { c.aof = true } }

// WithCluster runs the server as a one-node Redis Cluster owning every slot, so Cluster
// clients (and CROSSSLOT rules) can be tested with a single process.
func WithCluster() Option { return func(c *config) { c.cluster = true } }

// Server is one redis-server process owned by a test.
type Server struct {
	t    testing.TB
	bin  string
	dir  string
	port int
	cfg  config
	cmd  *exec.Cmd
	done chan struct{}
}

// Start launches redis-server and stops it when the test ends; without the binary it skips,
// or fails when CI=true.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("redistest: redis-server not found in PATH (CI=true, so this fails): %v", err)
		}
		t.Skipf("redistest: redis-server not found in PATH; install it (apt-get install redis-server) to run this test")
	}
	s := &Server{t: t, bin: bin, dir: t.TempDir(), port: freePort(t)}
	for _, o := range opts {
		o(&s.cfg)
	}
	s.launch()
	t.Cleanup(s.Stop)
	return s
}

// freePort asks the kernel for a free loopback port.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("redistest: find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Addr is host:port of the server.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// URL is the redis:// URL of the server.
func (s *Server) URL() string { return "redis://" + s.Addr() }

// Client returns a go-redis client for the server, closed when the test ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), DialTimeout: time.Second,
		ReadTimeout: time.Second, WriteTimeout: time.Second, MaxRetries: 1})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// launch starts the process and waits until it answers PING.
func (s *Server) launch() {
	s.t.Helper()
	args := []string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
		"--logfile", "redis.log"}
	if s.cfg.aof {
		args = append(args, "--appendonly", "yes", "--appendfsync", "always")
	}
	if s.cfg.cluster {
		args = append(args, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf")
	}
	cmd := exec.Command(s.bin, args...)
	cmd.Dir = s.dir
	setDeathSig(cmd)
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("redistest: start redis-server: %v", err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func(done chan struct{}) { _ = cmd.Wait(); close(done) }(s.done)
	if err := s.waitReady(5 * time.Second); err != nil {
		s.Stop()
		log, _ := os.ReadFile(s.dir + "/redis.log")
		s.t.Fatalf("redistest: redis-server on %s not ready: %v\n%s", s.Addr(), err, log)
	}
	if s.cfg.cluster {
		if err := s.claimSlots(5 * time.Second); err != nil {
			s.t.Fatalf("redistest: one-node cluster on %s: %v", s.Addr(), err)
		}
	}
}

// claimSlots gives this node every slot (once) and waits for cluster_state:ok.
func (s *Server) claimSlots(timeout time.Duration) error {
	c := redis.NewClient(&redis.Options{Addr: s.Addr()})
	defer c.Close()
	ctx := context.Background()
	if err := c.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", 0, 16383).Err(); err != nil &&
		!strings.Contains(err.Error(), "busy") {
		return fmt.Errorf("add slots: %w", err)
	}
	for deadline := time.Now().Add(timeout); ; time.Sleep(20 * time.Millisecond) {
		info, err := c.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster not ok: %v %q", err, info)
		}
	}
}

// waitReady polls PING until the server answers or the timeout passes.
func (s *Server) waitReady(timeout time.Duration) error {
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	deadline := time.Now().Add(timeout)
	for {
		err := c.Ping(context.Background()).Err()
		if err == nil {
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("process exited: %w", err)
		default:
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop kills the server (as a crash would: with AOF on, acknowledged writes are on disk).
// It is idempotent.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Restart stops the server and starts it again on the same port and directory.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.launch()
}
