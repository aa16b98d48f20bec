package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

func TestPrintf(t *testing.T) {
	var buf bytes.Buffer
	p := Printf{Logger: New(&buf, "json", "info", "s3cretpass"), Component: "redis"}
	p.Printf(context.Background(), "dial %s failed: %v", "redis://u:s3cretpass@h:6379", "refused")
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("not JSON: %q", buf.String())
	}
	tests := []struct{ name, key, want string }{
		{"component", "component", "redis"},
		{"level", "level", "WARN"},
		{"message with secret masked", "msg", "dial redis://u:" + Redacted + "@h:6379 failed: refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if m[tc.key] != tc.want {
				t.Errorf("%s = %v, want %q", tc.key, m[tc.key], tc.want)
			}
		})
	}
}
