package archtest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// architectureDoc is where the allowed imports are written down.
var architectureDoc = filepath.Join("..", "..", "docs", "architecture.md")

// allowed maps each package to the project packages it may import.
type allowed map[string][]string

// backticked finds `names` in a table cell.
var backticked = regexp.MustCompile("`([^`]+)`")

// readAllowed parses the "Allowed imports" table of docs/architecture.md.
func readAllowed(doc string) (allowed, error) {
	_, section, ok := strings.Cut(doc, "\n## Allowed imports")
	if !ok {
		return nil, fmt.Errorf("%s has no \"## Allowed imports\" section", architectureDoc)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	a := allowed{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue // not a table row, or the header
		}
		name := backticked.FindStringSubmatch(cells[1])
		var may []string
		for _, m := range backticked.FindAllStringSubmatch(cells[2], -1) {
			may = append(may, m[1])
		}
		a[name[1]] = may
	}
	if len(a) == 0 {
		return nil, fmt.Errorf("%s: the Allowed imports table has no rows", architectureDoc)
	}
	return a, nil
}

// strayImports lists p's project imports that the table does not allow, or says p has no row.
func strayImports(g graph, a allowed, p pkg) []string {
	may, ok := a[p.Path]
	if !ok {
		return []string{p.Path + " has no row in the Allowed imports table of docs/architecture.md"}
	}
	var out []string
	for _, imp := range p.Imports {
		if g.isProject(imp) && !slices.Contains(may, imp) {
			out = append(out, fmt.Sprintf("%s imports %s, which its row in docs/architecture.md does not allow",
				p.Path, imp))
		}
	}
	return out
}

// sortedPackages returns the graph's packages in path order, for stable subtests.
func sortedPackages(g graph) []pkg {
	out := make([]pkg, 0, len(g))
	for _, p := range g {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// TestAllowedImports checks the real graph against docs/architecture.md, one subtest per package.
func TestAllowedImports(t *testing.T) {
	b, err := os.ReadFile(architectureDoc)
	if err != nil {
		t.Fatal(err)
	}
	a, err := readAllowed(string(b))
	if err != nil {
		t.Fatal(err)
	}
	g := loadGraph(t)
	for _, p := range sortedPackages(g) {
		t.Run(p.Path, func(t *testing.T) {
			for _, v := range strayImports(g, a, p) {
				t.Error(v)
			}
		})
	}
}
