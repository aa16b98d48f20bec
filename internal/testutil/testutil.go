// Package testutil holds the few helpers several packages' tests share, so each test file
// does not grow its own copy.
package testutil

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// SyncBuffer is a goroutine-safe bytes.Buffer, a log sink for code under test that logs
// from its own goroutines.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Golden compares got with the file at path, or rewrites the file when update is set
// (the packages' -update flag), so reviewers read wording changes as file diffs.
func Golden(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (review, then rerun go test with -update):\n%s", path, got)
	}
}

// CopyToTemp copies the file at src into a fresh temporary directory of t, under the same
// base name, so a test may change it (e.g. the shipped catalog a running bot reloads).
func CopyToTemp(t testing.TB, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	return WriteTemp(t, filepath.Base(src), string(data))
}

// WriteTemp writes content to a file called name in a fresh temporary directory of t and
// returns its path.
func WriteTemp(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
