package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The third-party libraries the rules are about (module paths; any version or subpackage).
const (
	telegramLib = "github.com/go-telegram-bot-api/telegram-bot-api"
	goRedis     = "github.com/redis/go-redis"
	miniredis   = "github.com/alicebob/miniredis"
)

// rule is one named check of docs/architecture.md; check returns one line per violation.
type rule struct {
	name  string
	check func(g graph) []string
}

// rules are the library and environment rules of docs/architecture.md, in its order.
func rules() []rule {
	return []rule{
		{"flows depends on neither Telegram nor Redis", noDeps(under("flows"), telegramLib, goRedis, miniredis)},
		{"catalog, locales and config depend on no project package", noProjectDeps(under("catalog", "locales", "config"))},
		{"only bot imports the Telegram library", onlyImporters(telegramLib, under("bot"))},
		{"bot and console do not import catalog", noImport(under("bot", "console"), "catalog")},
		{"only store imports go-redis", onlyImporters(goRedis, is("store", "internal/redistest", "scripts/floor"))},
		{"only store and the test helpers import miniredis",
			onlyImporters(miniredis, is("store", "internal/redistest", "internal/flowstest", "internal/testutil"))},
		{"only config reads the environment", onlyEnvReaders(either(is("config", "internal/redistest"), under("scripts")))},
	}
}

// TestRules runs every rule on the real package graph, one subtest per rule.
func TestRules(t *testing.T) {
	g := loadGraph(t)
	for _, r := range rules() {
		t.Run(r.name, func(t *testing.T) {
			for _, v := range r.check(g) {
				t.Error(v)
			}
		})
	}
}

// match selects packages by module-relative path.
type match func(path string) bool

// is matches exactly the named packages.
func is(names ...string) match {
	return func(p string) bool { return slices.Contains(names, p) }
}

// under matches the named packages and their subpackages.
func under(names ...string) match {
	return func(p string) bool {
		for _, n := range names {
			if p == n || strings.HasPrefix(p, n+"/") {
				return true
			}
		}
		return false
	}
}

// either matches what any of ms matches.
func either(ms ...match) match {
	return func(p string) bool {
		return slices.ContainsFunc(ms, func(m match) bool { return m(p) })
	}
}

// inModule reports whether path is module mod or one of its packages.
func inModule(path, mod string) bool { return path == mod || strings.HasPrefix(path, mod+"/") }

// noDeps: the matched packages depend, directly or not, on none of the modules mods.
func noDeps(who match, mods ...string) func(graph) []string {
	return func(g graph) []string {
		var out []string
		for _, p := range sortedPackages(g) {
			for _, d := range p.Deps {
				if who(p.Path) && slices.ContainsFunc(mods, func(m string) bool { return inModule(d, m) }) {
					out = append(out, fmt.Sprintf("%s depends on %s", p.Path, d))
				}
			}
		}
		return out
	}
}

// noProjectDeps: the matched packages depend, directly or not, on no project package.
func noProjectDeps(who match) func(graph) []string {
	return func(g graph) []string {
		var out []string
		for _, p := range sortedPackages(g) {
			for _, d := range p.Deps {
				if who(p.Path) && g.isProject(d) {
					out = append(out, fmt.Sprintf("%s depends on the project package %s", p.Path, d))
				}
			}
		}
		return out
	}
}

// noImport: the matched packages do not import the project package target directly.
func noImport(who match, target string) func(graph) []string {
	return func(g graph) []string {
		var out []string
		for _, p := range sortedPackages(g) {
			if who(p.Path) && slices.Contains(p.Imports, target) {
				out = append(out, fmt.Sprintf("%s imports %s", p.Path, target))
			}
		}
		return out
	}
}

// onlyImporters: no package but the matched ones imports module mod directly.
func onlyImporters(mod string, who match) func(graph) []string {
	return func(g graph) []string {
		var out []string
		for _, p := range sortedPackages(g) {
			for _, imp := range p.Imports {
				if inModule(imp, mod) && !who(p.Path) {
					out = append(out, fmt.Sprintf("%s imports %s", p.Path, imp))
				}
			}
		}
		return out
	}
}

// onlyEnvReaders: no package but the matched ones calls an os function that reads the
// environment, in its non-test files.
func onlyEnvReaders(who match) func(graph) []string {
	return func(g graph) []string {
		var out []string
		for _, p := range sortedPackages(g) {
			if who(p.Path) {
				continue
			}
			for _, f := range p.GoFiles {
				calls, err := envCallsIn(filepath.Join(p.Dir, f))
				if err != nil {
					out = append(out, err.Error())
				}
				for _, c := range calls {
					out = append(out, fmt.Sprintf("%s: %s reads the environment (only config may)", filepath.Join(p.Path, f), c))
				}
			}
		}
		return out
	}
}

// envReads are the functions of package os that read the environment.
var envReads = []string{"Getenv", "LookupEnv", "Environ", "ExpandEnv"}

// envCallsIn parses one Go file and returns its calls of envReads, as "os.Getenv" etc.
func envCallsIn(path string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return envCalls(f), nil
}

// envCalls returns the calls of envReads in f, under whatever name f imports "os".
func envCalls(f *ast.File) []string {
	osName := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "os" {
			osName = "os"
			if imp.Name != nil {
				osName = imp.Name.Name
			}
		}
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || osName == "" {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == osName && slices.Contains(envReads, sel.Sel.Name) {
				out = append(out, "os."+sel.Sel.Name)
			}
		}
		return true
	})
	return out
}
