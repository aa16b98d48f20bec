package testutil

import (
	"path/filepath"
	"sync"
	"testing"
)

func TestSyncBuffer(t *testing.T) {
	var b SyncBuffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _, _ = b.Write([]byte("ab")) })
	}
	wg.Wait()
	if got := len(b.String()); got != 16 {
		t.Errorf("len = %d, want 16", got)
	}
}

func TestGoldenRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	Golden(t, path, "hello\n", true)
	Golden(t, path, "hello\n", false)
}
