package catalog

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/internal/testutil"
)

// outcomes records ReloadFunc calls.
type outcomes struct {
	mu       sync.Mutex
	ok, fail int
}

func (o *outcomes) record(ok bool, _ error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if ok {
		o.ok++
	} else {
		o.fail++
	}
}

func (o *outcomes) get() (int, int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.ok, o.fail
}

// syncBuffer is the shared goroutine-safe log sink.
type syncBuffer = testutil.SyncBuffer

func TestReloadBrokenThenFixed(t *testing.T) {
	path := testutil.WriteTemp(t, "catalog.yaml", baseYAML)
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var log syncBuffer
	var out outcomes
	h, err := OpenHolder(path, slog.New(slog.NewTextHandler(&log, nil)), out.record)
	if err != nil {
		t.Fatal(err)
	}
	first := h.Current()
	write(strings.Replace(baseYAML, "needs: [emploi]", "needs: [travail]", 1))
	if err := h.Reload(); err == nil {
		t.Fatal("broken file accepted")
	}
	if h.Current() != first {
		t.Fatal("broken file replaced the catalog")
	}
	if !strings.Contains(log.String(), "catalog.yaml:15:13") || !strings.Contains(log.String(), "component=catalog") {
		t.Errorf("log lacks the problem position: %s", log.String())
	}
	write(strings.Replace(baseYAML, "name: {fr: Offre A}", "name: {fr: Offre A2}", 1))
	if err := h.Reload(); err != nil {
		t.Fatal(err)
	}
	if o, _, _ := h.Current().Offer("offer-a"); o.Name.Fr != "Offre A2" {
		t.Errorf("fixed file not applied: %q", o.Name.Fr)
	}
	if ok, fail := out.get(); ok != 2 || fail != 1 {
		t.Errorf("callbacks ok=%d fail=%d, want 2 and 1", ok, fail)
	}
}

func TestWatchPicksUpChanges(t *testing.T) {
	path := testutil.WriteTemp(t, "catalog.yaml", baseYAML)
	var out outcomes
	h, err := OpenHolder(path, nil, out.record)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Watch(ctx, path, h, nil, 20*time.Millisecond); close(done) }()
	defer func() { cancel(); <-done }()

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if err := os.WriteFile(path, []byte("version: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor("the broken file to be rejected", func() bool { _, f := out.get(); return f == 1 })
	if h.Current().Len() != 1 {
		t.Fatal("old catalog not kept")
	}
	fixed := strings.Replace(baseYAML, "Offre A}", "Offre B}", 1)
	if err := os.WriteFile(path, []byte(fixed), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor("the fixed file to load", func() bool { o, _, _ := h.Current().Offer("offer-a"); return o.Name.Fr == "Offre B" })
	time.Sleep(80 * time.Millisecond)
	if _, f := out.get(); f != 1 {
		t.Errorf("broken file reported %d times, want once", f)
	}
}

func TestReloadWithoutFile(t *testing.T) {
	h := NewHolder(mustLoad(t, "testdata/valid.yaml"), "", nil, nil)
	if err := h.Reload(); err == nil {
		t.Error("Reload without a path succeeded")
	}
	if h.Current() == nil {
		t.Error("catalog lost")
	}
}

func TestDefaultCatalogParses(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	disk := mustLoad(t, "catalog.yaml")
	if c.Len() != disk.Len() {
		t.Errorf("embedded has %d offers, file %d", c.Len(), disk.Len())
	}
}

func TestWatchDoesNotReloadAnUnchangedFile(t *testing.T) {
	path := testutil.WriteTemp(t, "catalog.yaml", baseYAML)
	var out outcomes
	h := NewHolder(mustLoad(t, path), path, nil, out.record)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Millisecond)
	defer cancel()
	Watch(ctx, path, h, nil, 5*time.Millisecond)
	if ok, fail := out.get(); ok != 0 || fail != 0 {
		t.Errorf("unchanged file reloaded: ok=%d fail=%d", ok, fail)
	}
}

func TestReloadPicksUpLexicon(t *testing.T) {
	path := testutil.WriteTemp(t, "catalog.yaml", baseYAML)
	dir := filepath.Dir(path)
	var out outcomes
	h, err := OpenHolder(path, nil, out.record)
	if err != nil {
		t.Fatal(err)
	}
	if u := h.Current().Understand("gagne-pain"); u.Need != "" {
		t.Fatalf("unexpected need before the lexicon file: %+v", u)
	}
	lex := filepath.Join(dir, LexiconFile)
	good := "version: 1\nneeds:\n  - need: emploi\n    words: [gagne-pain]\nplaces: []\n"
	if err := os.WriteFile(lex, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := h.Reload(); err != nil {
		t.Fatal(err)
	}
	served := h.Current()
	if u := served.Understand("gagne-pain"); u.Need != NeedJob {
		t.Fatalf("new lexicon not applied: %+v", u)
	}
	if err := os.WriteFile(lex, []byte("version: 1\nneeds:\n  - need: travail\n    words: [x]\nplaces: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := h.Reload(); err == nil || !strings.Contains(err.Error(), "lexicon.yaml:3:11") {
		t.Fatalf("broken lexicon: err = %v, want its line", err)
	}
	if h.Current() != served {
		t.Fatal("a broken lexicon replaced the catalog")
	}
	if ok, fail := out.get(); ok != 2 || fail != 1 {
		t.Errorf("callbacks ok=%d fail=%d, want 2 and 1", ok, fail)
	}
}
