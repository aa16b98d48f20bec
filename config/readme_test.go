package config

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// undocumentedHere are variables Load reads that README documents outside its Configuration
// table: the terminal's locale (console) and the profiling address (Tests section).
var undocumentedHere = []string{"LANG", "PPROF_ADDR"}

// TestLoadReadsExactlyTheDocumentedVariables keeps README's Configuration table and Load in
// step: every variable of the table is read, and nothing else is.
func TestLoadReadsExactlyTheDocumentedVariables(t *testing.T) {
	documented := readmeVariables(t)
	read := map[string]bool{}
	getenv := func(k string) string { read[k] = true; return "" }
	webhook := func(k string) string {
		getenv(k)
		return map[string]string{"TELEGRAM_BOT_TOKEN": tok, "TELEGRAM_MODE": "webhook"}[k]
	}
	for _, env := range []func(string) string{getenv, webhook} { // console, then webhook mode
		_, _ = load(env, fakeSystem(nil)) // errors do not matter here: which variables were read does
	}
	for _, name := range documented {
		if !read[name] {
			t.Errorf("README's Configuration table lists %s, but Load never reads it", name)
		}
	}
	for name := range read {
		if !slices.Contains(documented, name) && !slices.Contains(undocumentedHere, name) {
			t.Errorf("Load reads %s, which README's Configuration table does not list", name)
		}
	}
}

// readmeVariables returns the variable names in the first column of README's Configuration table.
func readmeVariables(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Configuration\n")
	if !ok {
		t.Fatal("README.md has no Configuration section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	name := regexp.MustCompile("`([A-Z][A-Z0-9_]+)`")
	var out []string
	for _, line := range strings.Split(section, "\n") {
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "|"), "|")
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(first, -1) {
			out = append(out, m[1])
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %d variables in README's Configuration table: %v", len(out), out)
	}
	return out
}
