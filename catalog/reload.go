package catalog

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// ReloadFunc is told the outcome of every reload attempt (e.g. to count it in metrics).
type ReloadFunc func(ok bool, err error)

// stamp identifies a version of the catalog file and of the lexicon beside it.
type stamp struct {
	mod, lexMod   time.Time
	size, lexSize int64 // lexSize is -1 when there is no lexicon file
	sum           [32]byte
}

// statBoth returns the modification times and sizes of the catalog file and its lexicon.
func statBoth(path string) (stamp, error) {
	info, err := os.Stat(path)
	if err != nil {
		return stamp{}, err
	}
	st := stamp{mod: info.ModTime(), size: info.Size(), lexSize: -1}
	if li, err := os.Stat(filepath.Join(filepath.Dir(path), LexiconFile)); err == nil {
		st.lexMod, st.lexSize = li.ModTime(), li.Size()
	}
	return st, nil
}

// sameFiles reports whether two stamps have the same times and sizes.
func sameFiles(a, b stamp) bool {
	return a.mod.Equal(b.mod) && a.size == b.size && a.lexMod.Equal(b.lexMod) && a.lexSize == b.lexSize
}

// hashBoth is the content hash of the catalog data and the lexicon data.
func hashBoth(data, lexData []byte) [32]byte {
	h := sha256.New()
	h.Write(data)
	h.Write([]byte{0})
	h.Write(lexData)
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// Holder serves the current catalog to many goroutines and swaps it atomically on reload:
// readers see the old catalog or the new one, never a half-applied mix.
type Holder struct {
	cur      atomic.Pointer[Catalog]
	logger   *slog.Logger
	onReload ReloadFunc

	mu      sync.Mutex // serializes reloads
	path    string
	last    stamp // the version last read
	pending stamp // a changed version seen once by Watch, read when it stays unchanged
}

// NewHolder serves a fixed catalog (e.g. the embedded one); path, when not empty, is the
// file Reload and Watch read; onReload may be nil.
func NewHolder(c *Catalog, path string, logger *slog.Logger, onReload ReloadFunc) *Holder {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h := &Holder{logger: logger.With("component", "catalog"), onReload: onReload, path: path}
	h.cur.Store(c)
	if c != nil {
		h.last = fileStamp(path) // c was read from path: Watch reloads only when it changes
	}
	return h
}

// fileStamp identifies the current version of a catalog file and its lexicon (zero when unreadable).
func fileStamp(path string) stamp {
	if path == "" {
		return stamp{}
	}
	st, err := statBoth(path)
	if err != nil {
		return stamp{}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return stamp{}
	}
	lexData, _, err := lexiconBeside(path)
	if err != nil {
		return stamp{}
	}
	st.sum = hashBoth(data, lexData)
	return st
}

// OpenHolder loads path and serves it; a broken file is an error at start-up.
func OpenHolder(path string, logger *slog.Logger, onReload ReloadFunc) (*Holder, error) {
	h := NewHolder(nil, path, logger, onReload)
	if err := h.Reload(); err != nil {
		return nil, err
	}
	return h, nil
}

// Current returns the catalog in service; never nil once a catalog was stored.
func (h *Holder) Current() *Catalog { return h.cur.Load() }

// Reload re-reads the holder's file and the lexicon beside it (on SIGHUP): valid files
// replace the catalog, a broken one is rejected whole and logged with its line numbers, the
// old catalog and lexicon keep serving.
func (h *Holder) Reload() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.path == "" {
		return errors.New("catalog reload: no file to read")
	}
	_, err := h.reloadLocked(true)
	return err
}

// reloadLocked reads the file and applies it when force is set or its content changed.
func (h *Holder) reloadLocked(force bool) (changed bool, err error) {
	st, err := statBoth(h.path)
	if err != nil {
		return false, h.report(fmt.Errorf("catalog reload: %w", err))
	}
	if !force && sameFiles(st, h.last) {
		return false, nil
	}
	if !force && !sameFiles(st, h.pending) {
		// Changed since the last poll: wait until it stays the same for one interval, so a
		// file still being written is never read half-way (a cut file can look valid).
		h.pending = st
		return false, nil
	}
	data, err := os.ReadFile(h.path)
	if err != nil {
		return false, h.report(fmt.Errorf("catalog reload: %w", err))
	}
	lexData, _, err := lexiconBeside(h.path)
	if err != nil {
		return false, h.report(fmt.Errorf("catalog reload: %w", err))
	}
	st.sum = hashBoth(data, lexData)
	if !force && st.sum == h.last.sum {
		h.last = st
		return false, nil
	}
	h.last = st
	c, err := Parse(filepath.Base(h.path), data)
	c, err = withLexicon(c, err, lexData)
	if err != nil {
		return true, h.report(fmt.Errorf("catalog reload: %w", err))
	}
	h.cur.Store(c)
	h.logger.Info("catalog loaded", "file", h.path, "offers", c.Len(), "sha256", fmt.Sprintf("%x", st.sum[:6]))
	if h.onReload != nil {
		h.onReload(true, nil)
	}
	return true, nil
}

// report logs a rejected reload (catalog text is staff data, fine to log) and notifies.
func (h *Holder) report(err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		h.logger.Error("catalog file rejected, previous catalog kept", "file", h.path, "problems", len(ve.Problems), "details", ve.Error())
	} else {
		h.logger.Error("catalog file unreadable, previous catalog kept", "file", h.path, "err", err)
	}
	if h.onReload != nil {
		h.onReload(false, err)
	}
	return err
}

// Watch polls path and the lexicon beside it every interval (mtime, size, then content
// hash) and reloads the holder when a file changed and then stayed unchanged for one
// interval, until ctx ends. A file that stays broken is reported once.
func Watch(ctx context.Context, path string, h *Holder, logger *slog.Logger, interval time.Duration) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	h.mu.Lock()
	if h.path != path {
		h.path, h.last = path, stamp{}
	}
	if logger != nil {
		h.logger = logger.With("component", "catalog")
	}
	h.mu.Unlock()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			h.mu.Lock()
			_, _ = h.reloadLocked(false) // problems are logged and reported by reloadLocked
			h.mu.Unlock()
		}
	}
}
