package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// memStore is an in-memory flows.Store used to compute the serial reference journeys.
type memStore struct {
	mu   sync.Mutex
	data map[string][]byte
	rev  map[string]int64
	seen map[string]bool
	all  [][]byte // every session saved, for size checks
}

func newMemStore() *memStore {
	return &memStore{data: map[string][]byte{}, rev: map[string]int64{}, seen: map[string]bool{}}
}

func (m *memStore) Load(_ context.Context, chat, upd string) ([]byte, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if upd != "" && m.seen[chat+"\x00"+upd] {
		return nil, 0, fmt.Errorf("mem: %w", flows.ErrDuplicate)
	}
	return m.data[chat], m.rev[chat], nil
}

func (m *memStore) Save(_ context.Context, chat, upd string, data []byte, rev int64, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if upd != "" && m.seen[chat+"\x00"+upd] {
		return fmt.Errorf("mem: %w", flows.ErrDuplicate)
	}
	if m.rev[chat] != rev {
		return fmt.Errorf("mem: %w", flows.ErrConflict)
	}
	m.data[chat], m.rev[chat] = append([]byte(nil), data...), rev+1
	m.all = append(m.all, m.data[chat])
	if upd != "" {
		m.seen[chat+"\x00"+upd] = true
	}
	return nil
}

func (m *memStore) Delete(_ context.Context, chat string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.data, chat)
	delete(m.rev, chat)
	return nil
}
