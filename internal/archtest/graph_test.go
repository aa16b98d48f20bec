package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pkg is one project package as `go list -json` describes it, with module-relative names.
type pkg struct {
	Path    string   // module-relative import path; "." for the module root
	Dir     string   // directory on disk
	GoFiles []string // non-test Go files
	Imports []string // direct imports of the non-test files (project ones module-relative)
	Deps    []string // every package the non-test files depend on, directly or not
}

// graph is the project's packages by module-relative path.
type graph map[string]pkg

// listed is the part of `go list -json` output the checks read.
type listed struct {
	ImportPath, Dir string
	GoFiles         []string
	Imports, Deps   []string
	Module          *struct {
		Path string
		Main bool
	}
}

// loadGraph runs `go list -json ./...` at the module root and keeps the main module's packages.
func loadGraph(t *testing.T) graph {
	t.Helper()
	goBin, err := exec.LookPath("go") // go test puts GOROOT/bin first on PATH
	if err != nil {
		t.Fatalf("the go command is needed to list packages: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-json", "./...")
	cmd.Dir = filepath.Join("..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	g, err := decodeGraph(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(g) < 10 {
		t.Fatalf("go list found only %d project packages", len(g))
	}
	return g
}

// decodeGraph reads the stream of JSON objects `go list -json` prints.
func decodeGraph(r io.Reader) (graph, error) {
	g := graph{}
	dec := json.NewDecoder(r)
	for {
		var p listed
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return g, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		if p.Module == nil || !p.Module.Main {
			continue
		}
		mod := p.Module.Path
		g[rel(mod, p.ImportPath)] = pkg{Path: rel(mod, p.ImportPath), Dir: p.Dir, GoFiles: p.GoFiles,
			Imports: rels(mod, p.Imports), Deps: rels(mod, p.Deps)}
	}
}

// rel turns an import path of module mod into a module-relative one ("." for the root);
// other paths are returned unchanged.
func rel(mod, path string) string {
	if path == mod {
		return "."
	}
	if r, ok := strings.CutPrefix(path, mod+"/"); ok {
		return r
	}
	return path
}

// rels applies rel to every path.
func rels(mod string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = rel(mod, p)
	}
	return out
}

// isProject reports whether a module-relative path names a project package (go list ./...
// lists them all; standard and third-party packages are not in the graph).
func (g graph) isProject(path string) bool {
	_, ok := g[path]
	return ok
}
