package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// prog uses the net resolver, which links libc when cgo is on.
const prog = `package main

import ("fmt"; "net")

func main() { fmt.Println(net.ParseIP("127.0.0.1")) }
`

// build compiles prog with the given CGO_ENABLED and returns the binary path.
func build(t *testing.T, cgo string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(prog), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module p\n\ngo 1.26\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "p")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo, "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build CGO_ENABLED=%s: %v\n%s", cgo, err, b)
	}
	return out
}

func TestCheck(t *testing.T) {
	notELF := filepath.Join(t.TempDir(), "script.sh")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   func(t *testing.T) string
		static bool
	}{
		{"cgo disabled is static", func(t *testing.T) string { return build(t, "0") }, true},
		{"not an ELF file", func(*testing.T) string { return notELF }, false},
		{"missing file", func(*testing.T) string { return filepath.Join(t.TempDir(), "none") }, false},
	}
	if _, err := exec.LookPath("gcc"); err == nil || os.Getenv("CI") == "true" {
		tests = append(tests, struct {
			name   string
			path   func(t *testing.T) string
			static bool
		}{"cgo enabled is dynamic", func(t *testing.T) string { return build(t, "1") }, false})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Check(tc.path(t)); (err == nil) != tc.static {
				t.Errorf("Check = %v, want static=%t", err, tc.static)
			}
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 2 {
		t.Errorf("no args: code %d, want 2", code)
	}
	if code := run([]string{"/nonexistent"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "NOT static") {
		t.Errorf("missing file: code %d, stderr %q", code, errb.String())
	}
}
