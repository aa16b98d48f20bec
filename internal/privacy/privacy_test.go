package privacy

import (
	"strings"
	"testing"
)

func TestChatHash(t *testing.T) {
	a, b := NewHasher([]byte("k1")), NewHasher([]byte("k2"))
	tests := []struct {
		name string
		ok   bool
		got  bool
	}{
		{"stable", true, a.Chat("tg:5300000001") == a.Chat("tg:5300000001")},
		{"differs by id", true, a.Chat("tg:5300000001") != a.Chat("tg:5300000002")},
		{"differs by key", true, a.Chat("tg:5300000001") != b.Chat("tg:5300000001")},
		{"hides id", false, strings.Contains(a.Chat("tg:5300000001"), "5300000001")},
		{"short", true, len(a.Chat("tg:1")) == 12},
	}
	for _, tt := range tests {
		if tt.got != tt.ok {
			t.Errorf("%s: got %v", tt.name, tt.got)
		}
	}
}
