// Package flowstest holds test fakes of the engine's dependencies for tests outside flows
// (flows' own tests cannot import it: it imports flows).
package flowstest

import (
	"context"
	"sync"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// MemStore is an in-memory flows.Store with the Redis store's contract (revisions for
// compare-and-set, handled update ids), for tests outside flows that need a real engine.
type MemStore struct {
	mu    sync.Mutex
	data  map[string][]byte
	rev   map[string]int64
	seen  map[string]bool
	saved [][]byte
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{data: map[string][]byte{}, rev: map[string]int64{}, seen: map[string]bool{}}
}

// Load returns a copy of the chat's session, or flows.ErrDuplicate for a handled update.
func (m *MemStore) Load(_ context.Context, chat, updateID string) ([]byte, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if updateID != "" && m.seen[chat+"\x00"+updateID] {
		return nil, 0, flows.ErrDuplicate
	}
	return append([]byte(nil), m.data[chat]...), m.rev[chat], nil
}

// Save stores data when rev is still current and records updateID.
func (m *MemStore) Save(_ context.Context, chat, updateID string, data []byte, rev int64, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case updateID != "" && m.seen[chat+"\x00"+updateID]:
		return flows.ErrDuplicate
	case m.rev[chat] != rev:
		return flows.ErrConflict
	}
	m.data[chat] = append([]byte(nil), data...)
	m.saved = append(m.saved, m.data[chat])
	m.rev[chat]++
	if updateID != "" {
		m.seen[chat+"\x00"+updateID] = true
	}
	return nil
}

// Delete forgets the chat's session.
func (m *MemStore) Delete(_ context.Context, chat string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.data, chat)
	delete(m.rev, chat)
	return nil
}

// Saved returns every session value saved so far, in order (e.g. to check sizes).
func (m *MemStore) Saved() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]byte(nil), m.saved...)
}
