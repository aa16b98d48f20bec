package flowstest

import (
	"context"
	"errors"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

func TestMemStoreContract(t *testing.T) {
	ctx := context.Background()
	m := NewMemStore()
	if err := m.Save(ctx, "c", "u1", []byte("a"), 0, 0); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"stale revision", m.Save(ctx, "c", "u2", []byte("b"), 0, 0), flows.ErrConflict},
		{"handled update on save", m.Save(ctx, "c", "u1", []byte("b"), 1, 0), flows.ErrDuplicate},
		{"current revision", m.Save(ctx, "c", "u3", []byte("c"), 1, 0), nil},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	if _, _, err := m.Load(ctx, "c", "u3"); !errors.Is(err, flows.ErrDuplicate) {
		t.Errorf("Load of a handled update: %v", err)
	}
	if data, rev, _ := m.Load(ctx, "c", ""); string(data) != "c" || rev != 2 {
		t.Errorf("Load = %q rev %d", data, rev)
	}
	if got := len(m.Saved()); got != 2 {
		t.Errorf("Saved() has %d values, want 2", got)
	}
	_ = m.Delete(ctx, "c")
	if data, rev, _ := m.Load(ctx, "c", ""); data != nil && len(data) != 0 || rev != 0 {
		t.Errorf("after Delete: %q rev %d", data, rev)
	}
}
