package flows

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// memStore is an in-memory Store keeping bytes, revisions and handled update ids, with
// optional faults: conflicts to report before succeeding, and an error for every call.
type memStore struct {
	mu        sync.Mutex
	data      map[string][]byte
	rev       map[string]int64
	seen      map[string]bool
	conflicts int   // Save reports ErrConflict this many times
	fail      error // every call returns it
	saves     int
}

// newMemStore is an empty store without faults.
func newMemStore() *memStore {
	return &memStore{data: map[string][]byte{}, rev: map[string]int64{}, seen: map[string]bool{}}
}

// Load returns a copy of the stored bytes, or ErrDuplicate for a handled update.
func (m *memStore) Load(_ context.Context, chat, updateID string) ([]byte, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, 0, m.fail
	}
	if updateID != "" && m.seen[chat+"/"+updateID] {
		return nil, 0, ErrDuplicate
	}
	return append([]byte(nil), m.data[chat]...), m.rev[chat], nil
}

// Save compares revisions like the Redis store's CAS script.
func (m *memStore) Save(_ context.Context, chat, updateID string, data []byte, rev int64, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	if m.conflicts > 0 {
		m.conflicts--
		m.rev[chat]++ // another writer got there first
		return ErrConflict
	}
	if updateID != "" && m.seen[chat+"/"+updateID] {
		return ErrDuplicate
	}
	if m.rev[chat] != rev {
		return ErrConflict
	}
	m.data[chat] = append([]byte(nil), data...)
	m.rev[chat]++
	m.saves++
	if updateID != "" {
		m.seen[chat+"/"+updateID] = true
	}
	return nil
}

// Delete forgets the chat's session.
func (m *memStore) Delete(_ context.Context, chat string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	delete(m.data, chat)
	delete(m.rev, chat)
	return nil
}

// stored returns the bytes kept for a chat.
func (m *memStore) stored(chat string) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.data[chat]
}

// failOnError is a slog handler that fails the test on any Error record: the engine logs
// refused transitions and missing messages at Error, which are bugs.
type failOnError struct {
	t  testing.TB
	mu *sync.Mutex
}

// Enabled records every level.
func (h failOnError) Enabled(context.Context, slog.Level) bool { return true }

// Handle fails the test on Error records.
func (h failOnError) Handle(_ context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		h.t.Errorf("engine logged an error: %s", r.Message)
		r.Attrs(func(a slog.Attr) bool { h.t.Logf("  %s=%v", a.Key, a.Value); return true })
	}
	return nil
}

// WithAttrs keeps the handler as is.
func (h failOnError) WithAttrs([]slog.Attr) slog.Handler { return h }

// WithGroup keeps the handler as is.
func (h failOnError) WithGroup(string) slog.Handler { return h }
