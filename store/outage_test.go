package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/redistest"
)

func TestRedisOutageAndRecovery(t *testing.T) {
	srv := redistest.Start(t, redistest.WithAOF())
	ctx := context.Background()
	client, err := Open(ctx, Config{URL: srv.URL()}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	s := New(client, Options{Logger: quietLogger()})
	if err := s.Save(ctx, chatA, "u1", []byte("before"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	steps := []struct {
		name string
		run  func() error
	}{
		{"ping", func() error { return s.Ping(ctx) }},
		{"load", func() error { _, _, err := s.Load(ctx, chatA, "u2"); return err }},
		{"save", func() error { return s.Save(ctx, chatA, "u2", []byte("during"), 1, time.Hour) }},
		{"delete", func() error { return s.Delete(ctx, chatA) }},
	}
	for _, st := range steps {
		if err := st.run(); !IsUnavailable(err) {
			t.Fatalf("%s while Redis is down: %v; want an unavailable error", st.name, err)
		}
	}

	srv.Restart()
	got, rev, err := s.Load(ctx, chatA, "u2")
	if err != nil || string(got) != "before" || rev != 1 {
		t.Fatalf("after restart Load = %q, %d, %v; want the data from before the outage", got, rev, err)
	}
	if _, _, err := s.Load(ctx, chatA, "u1"); !errors.Is(err, flows.ErrDuplicate) {
		t.Fatalf("dedupe record lost in the outage: %v", err)
	}
	if err := s.Save(ctx, chatA, "u2", []byte("after"), rev, time.Hour); err != nil {
		t.Fatalf("Save after restart: %v", err)
	}
}

// TestConcurrentWritersSerialize has many goroutines apply distinct updates to one chat
// with load/CAS/retry: each update lands exactly once, as in some serial order.
func TestConcurrentWritersSerialize(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			client, _ := b.start(t)
			s := New(client, Options{Logger: quietLogger()})
			const writers, perWriter = 8, 10
			var wg sync.WaitGroup
			errs := make(chan error, writers*perWriter)
			for w := range writers {
				wg.Go(func() {
					for i := range perWriter {
						errs <- applyUpdate(t.Context(), s, fmt.Sprintf("w%d-%d", w, i))
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			got, rev, err := s.Load(t.Context(), chatA, "")
			if err != nil || string(got) != strconv.Itoa(writers*perWriter) || rev != writers*perWriter {
				t.Fatalf("final = %q rev %d (%v); want %d increments", got, rev, err, writers*perWriter)
			}
			// The session remembers exactly the latest seenKeep of them, whatever the order.
			dups := 0
			for w := range writers {
				for i := range perWriter {
					_, _, err := s.Load(t.Context(), chatA, fmt.Sprintf("w%d-%d", w, i))
					if errors.Is(err, flows.ErrDuplicate) {
						dups++
					}
				}
			}
			if dups != seenKeep {
				t.Fatalf("%d updates recognised as handled; want the latest %d", dups, seenKeep)
			}
			if err := applyUpdate(t.Context(), s, "last"); err != nil {
				t.Fatal(err)
			}
			if err := applyUpdate(t.Context(), s, "last"); !errors.Is(err, flows.ErrDuplicate) {
				t.Fatalf("replay: %v; want ErrDuplicate", err)
			}
		})
	}
}

// applyUpdate increments a counter session the way the engine handles one update.
func applyUpdate(ctx context.Context, s *Store, upd string) error {
	for range 1000 {
		data, rev, err := s.Load(ctx, chatA, upd)
		if err != nil {
			return err
		}
		n, _ := strconv.Atoi(string(data))
		err = s.Save(ctx, chatA, upd, []byte(strconv.Itoa(n+1)), rev, time.Hour)
		if !errors.Is(err, flows.ErrConflict) {
			return err
		}
	}
	return errors.New("too many conflicts")
}
