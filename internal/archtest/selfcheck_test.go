package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cleanGraph is a small project shaped as docs/architecture.md wants it.
func cleanGraph() graph {
	return graph{
		".":            {Path: ".", Imports: []string{"internal/cli"}},
		"internal/cli": {Path: "internal/cli", Imports: []string{"bot", "store", "config"}},
		"bot":          {Path: "bot", Imports: []string{"flows", telegramLib + "/v5"}, Deps: []string{"flows", "catalog", telegramLib + "/v5"}},
		"flows":        {Path: "flows", Imports: []string{"catalog"}, Deps: []string{"catalog", "strings"}},
		"catalog":      {Path: "catalog", Imports: []string{"strings"}, Deps: []string{"strings"}},
		"config":       {Path: "config"},
		"store":        {Path: "store", Imports: []string{"flows", goRedis + "/v9", miniredis + "/v2"}},
	}
}

// TestRulesCatchViolations shows each rule failing on a graph that breaks it, and passing on
// the clean one, so a green TestRules means something.
func TestRulesCatchViolations(t *testing.T) {
	cases := []struct {
		rule  string
		spoil func(g graph)
	}{
		{"flows depends on neither Telegram nor Redis", func(g graph) {
			p := g["flows"]
			p.Deps = append(p.Deps, goRedis+"/v9/internal")
			g["flows"] = p
		}},
		{"catalog, locales and config depend on no project package", func(g graph) {
			p := g["config"]
			p.Deps = []string{"catalog"}
			g["config"] = p
		}},
		{"only bot imports the Telegram library", func(g graph) {
			p := g["flows"]
			p.Imports = append(p.Imports, telegramLib+"/v5")
			g["flows"] = p
		}},
		{"bot and console do not import catalog", func(g graph) {
			p := g["bot"]
			p.Imports = append(p.Imports, "catalog")
			g["bot"] = p
		}},
		{"only store imports go-redis", func(g graph) {
			p := g["internal/cli"]
			p.Imports = append(p.Imports, goRedis+"/v9")
			g["internal/cli"] = p
		}},
		{"only store and the test helpers import miniredis", func(g graph) {
			g["metrics"] = pkg{Path: "metrics", Imports: []string{miniredis + "/v2"}}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			r := findRule(t, tc.rule)
			if v := r.check(cleanGraph()); len(v) > 0 {
				t.Fatalf("the clean graph breaks the rule: %v", v)
			}
			g := cleanGraph()
			tc.spoil(g)
			if v := r.check(g); len(v) == 0 {
				t.Error("the broken graph passes the rule")
			}
		})
	}
}

// findRule returns the rule whose name is name.
func findRule(t *testing.T, name string) rule {
	t.Helper()
	i := slices.IndexFunc(rules(), func(r rule) bool { return r.name == name })
	if i < 0 {
		t.Fatalf("no rule named %q", name)
	}
	return rules()[i]
}

func TestEnvCalls(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"getenv call", `package p; import "os"; func f() string { return os.Getenv("X") }`, []string{"os.Getenv"}},
		{"renamed os", `package p; import sys "os"; func f() { _, _ = sys.LookupEnv("X"); _ = sys.Environ() }`,
			[]string{"os.LookupEnv", "os.Environ"}},
		{"expand", `package p; import "os"; var s = os.ExpandEnv("$HOME")`, []string{"os.ExpandEnv"}},
		{"passing the function is not a read", `package p; import "os"; var f = os.Getenv`, nil},
		{"other os calls", `package p; import "os"; func f() { os.Exit(1) }`, nil},
		{"another package's Getenv", `package p; import "example.org/os2"; func f() { os2.Getenv("X") }`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parser.ParseFile(token.NewFileSet(), "x.go", tc.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := envCalls(f); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("envCalls = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestReadAllowed(t *testing.T) {
	doc := "# x\n\n## Allowed imports (checked)\n\n| Package | May import | Today |\n|---|---|---|\n" +
		"| `.` (`main.go`) | `internal/cli` | |\n| `bot` | `flows` | also `catalog` |\n| `catalog` | — | |\n\n## Next\n| `x` | `y` | |\n"
	a, err := readAllowed(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".": "internal/cli", "bot": "flows", "catalog": ""}
	if len(a) != len(want) {
		t.Fatalf("rows = %v, want %v", a, want)
	}
	for p, w := range want {
		if got := strings.Join(a[p], ","); got != w {
			t.Errorf("%s may import %q, want %q", p, got, w)
		}
	}
	g := cleanGraph()
	if v := strayImports(g, a, g["internal/cli"]); len(v) != 1 || !strings.Contains(v[0], "no row") {
		t.Errorf("a package without a row: %v", v)
	}
	p := g["bot"]
	p.Imports = append(p.Imports, "catalog")
	if v := strayImports(g, a, p); len(v) != 1 || !strings.Contains(v[0], "bot imports catalog") {
		t.Errorf("an import the row does not allow: %v", v)
	}
	if _, err := readAllowed("# no table"); err == nil {
		t.Error("a document without the section was accepted")
	}
}

func TestOnlyEnvReaders(t *testing.T) {
	dir := t.TempDir()
	src := `package p; import "os"; func f() string { return os.Getenv("HTTP_ADDR") }`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	r := findRule(t, "only config reads the environment")
	for _, tc := range []struct {
		path string
		want int
	}{{"internal/cli", 1}, {"config", 0}, {"scripts/floor", 0}} {
		g := graph{tc.path: {Path: tc.path, Dir: dir, GoFiles: []string{"x.go"}}}
		if v := r.check(g); len(v) != tc.want {
			t.Errorf("%s reading HTTP_ADDR: %d violation(s) %v, want %d", tc.path, len(v), v, tc.want)
		}
	}
}
