package health

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestServeProbeAndShutdown(t *testing.T) {
	srv := NewServer("127.0.0.1:0", Mux(nil))
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 {
		t.Fatal("server without timeouts")
	}
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := Listen(ctx, srv)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln) }()
	if err := Probe(ctx, ln.Addr().String()); err != nil {
		t.Errorf("probe a live server: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(ShutdownTimeout + time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if err := Probe(context.Background(), ln.Addr().String()); err == nil {
		t.Error("probe of a stopped server succeeded")
	}
}

func TestListenTakenPort(t *testing.T) {
	a := NewServer("127.0.0.1:0", Mux(nil))
	ln, err := Listen(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := Listen(context.Background(), NewServer(ln.Addr().String(), Mux(nil))); err == nil {
		t.Error("second listen on the same port succeeded")
	}
}

func TestProbe(t *testing.T) {
	unhealthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer unhealthy.Close()
	port := unhealthy.Listener.Addr().String()[strings.LastIndex(unhealthy.Listener.Addr().String(), ":"):]
	tests := []struct {
		name string
		addr string
		ok   bool
	}{
		{"500 answer", unhealthy.Listener.Addr().String(), false},
		{"wildcard host maps to loopback", "0.0.0.0" + port, false},
		{"bad address", "8080", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Probe(context.Background(), tc.addr); (err == nil) != tc.ok {
				t.Errorf("Probe(%q) = %v, want ok=%t", tc.addr, err, tc.ok)
			}
		})
	}
}

func TestProbeURL(t *testing.T) {
	tests := []struct{ name, addr, want string }{
		{"port only", ":8080", "http://127.0.0.1:8080/healthz"},
		{"ipv4 wildcard", "0.0.0.0:9000", "http://127.0.0.1:9000/healthz"},
		{"ipv6 wildcard", "[::]:9000", "http://127.0.0.1:9000/healthz"},
		{"named host", "localhost:81", "http://localhost:81/healthz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := probeURL(tc.addr)
			if err != nil || got != tc.want {
				t.Errorf("probeURL(%q) = %q, %v; want %q", tc.addr, got, err, tc.want)
			}
		})
	}
}
