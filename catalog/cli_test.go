package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/internal/testutil"
)

// run calls Command and returns exit code, stdout and stderr.
func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Command(args, &out, &errb, testNow)
	return code, out.String(), errb.String()
}

func TestCommandCheck(t *testing.T) {
	broken := testutil.WriteTemp(t, "catalog.yaml", strings.Replace(baseYAML, "status: active", "status: ouvert", 1))
	foreign := testutil.WriteTemp(t, "catalog.yaml", strings.Replace(baseYAML, "+221338000000", "+33612345678", 1))
	cases := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"phone outside Senegal refused", []string{"check", foreign}, 1, "catalog.yaml:6:23: numéro « +33612345678 » refusé"},
		{"valid with warnings", []string{"catalog", "check", "testdata/valid.yaml"}, 0, "valid.yaml:51:5: attention"},
		{"summary", []string{"check", "testdata/valid.yaml"}, 0, "6 offres, 1 organisations, 1 pages ; 11 avertissement(s)"},
		{"broken", []string{"check", broken}, 1, "catalog.yaml:20:13: statut « ouvert » inconnu"},
		{"missing file", []string{"check", "testdata/nope.yaml"}, 1, ""},
		{"default embedded", []string{"check"}, 0, "valide"},
		{"no subcommand", nil, 2, ""},
		{"unknown subcommand", []string{"frobnicate"}, 2, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := run(tc.args...)
			if code != tc.code || !strings.Contains(out, tc.contains) {
				t.Errorf("code %d, out %q; want %d containing %q", code, out, tc.code, tc.contains)
			}
		})
	}
}

func TestCommandExportImport(t *testing.T) {
	code, csvOut, stderr := run("export", "--format", "csv", "--file", "testdata/valid.yaml")
	if code != 0 || !strings.HasPrefix(csvOut, "kind,id,") {
		t.Fatalf("export csv: %d %q %s", code, csvOut[:min(80, len(csvOut))], stderr)
	}
	path := filepath.Join(t.TempDir(), "c.csv")
	if err := os.WriteFile(path, []byte(csvOut), 0o600); err != nil {
		t.Fatal(err)
	}
	code, y, stderr := run("import", path)
	if code != 0 || !strings.Contains(y, "commentaires") {
		t.Fatalf("import: %d %s", code, stderr)
	}
	c, err := Parse("y", []byte(y))
	if err != nil || c.Len() != 6 {
		t.Fatalf("imported YAML: %v", err)
	}
	if code, _, _ := run("export", "--format", "xml", "--file", "testdata/valid.yaml"); code != 2 {
		t.Errorf("unknown format exit %d", code)
	}
	if code, _, _ := run("import"); code != 2 {
		t.Errorf("import without file exit %d", code)
	}
}

func TestExportHSDSStructure(t *testing.T) {
	code, out, stderr := run("export", "--format", "hsds", "--file", "testdata/valid.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Organizations []map[string]any `json:"organizations"`
		Services      []map[string]any `json:"services"`
		Locations     []map[string]any `json:"locations"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Organizations) != 1 || len(doc.Services) != 6 || len(doc.Locations) != 2 {
		t.Fatalf("counts %d/%d/%d", len(doc.Organizations), len(doc.Services), len(doc.Locations))
	}
	orgID := doc.Organizations[0]["id"]
	for _, s := range doc.Services {
		for _, k := range []string{"id", "organization_id", "name", "description", "status", "assured_date", "phones", "schedules", "service_areas", "service_at_locations", "cost_options", "required_documents"} {
			if _, ok := s[k]; !ok {
				t.Errorf("service %v lacks %s", s["name"], k)
			}
		}
		if s["organization_id"] != orgID || len(s["id"].(string)) != 36 {
			t.Errorf("service ids: %v %v", s["id"], s["organization_id"])
		}
	}
	fund := doc.Services[2]
	if fund["assured_date"] != "2026-11-01" || fund["schedules"].([]any)[0].(map[string]any)["valid_to"] != "2026-12-31" {
		t.Errorf("fund service = %v", fund)
	}
	if areas := doc.Services[0]["service_areas"].([]any); len(areas) != 1 || areas[0].(map[string]any)["name"] != "Mbacké" {
		t.Errorf("areas = %v", areas)
	}
}

func TestCommandImportNamesSpreadsheetCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "offres.csv")
	src := setCells(t, validCSV(t), 4, "verified", "29/11/2026", 5, "area.regions", "djourbel")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run("import", path)
	if code != 1 || out != "" || !strings.Contains(stderr, "offres.csv, ligne 4, colonne « verified » : date invalide") ||
		!strings.Contains(stderr, "offres.csv : 1 problème(s) ; rien n'a été importé.") {
		t.Fatalf("import: %d %q\n%s", code, out, stderr)
	}
	src = setCells(t, validCSV(t), 5, "area.regions", "djourbel")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("import", path); code != 1 || !strings.Contains(stderr, "offres.csv, ligne 5, colonne « area.regions » : région « djourbel » inconnue") {
		t.Fatalf("import: %d\n%s", code, stderr)
	}
}

func TestExportHSDSLanguage(t *testing.T) {
	names := func(args ...string) ([]string, []string) {
		t.Helper()
		code, out, stderr := run(append([]string{"export", "--format", "hsds", "--file", "testdata/valid.yaml"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var doc struct {
			Services []struct{ ID, Name string } `json:"services"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		var ids, ns []string
		for _, s := range doc.Services {
			ids, ns = append(ids, s.ID), append(ns, s.Name)
		}
		return ids, ns
	}
	frIDs, fr := names()
	woIDs, wo := names("--lang", "wo")
	if _, explicit := names("--lang", "fr"); !slices.Equal(fr, explicit) {
		t.Errorf("default language is not French: %v / %v", fr, explicit)
	}
	if fr[0] != "Placement à Mbacké" || wo[0] != "Liggéey ci Mbàkke" {
		t.Errorf("first service: fr %q, wo %q", fr[0], wo[0])
	}
	if wo[1] != "Formation en couture" {
		t.Errorf("a text without Wolof should fall back to French, got %q", wo[1])
	}
	if !slices.Equal(frIDs, woIDs) {
		t.Error("service ids change with the language")
	}
	if code, _, _ := run("export", "--format", "hsds", "--lang", "en", "--file", "testdata/valid.yaml"); code != 2 {
		t.Errorf("unknown language exit %d, want 2", code)
	}
}

func TestCheckLexicon(t *testing.T) {
	var out, errOut strings.Builder
	if code := Command([]string{"check", "lexicon.yaml"}, &out, &errOut, testNow); code != 0 || !strings.Contains(out.String(), "lexique lexicon.yaml : valide") {
		t.Fatalf("check lexicon.yaml: code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	bad := filepath.Join(t.TempDir(), LexiconFile)
	if err := os.WriteFile(bad, []byte("version: 1\nneeds:\n  - need: emploie\n    words: [x]\nplaces: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := Command([]string{"check", bad}, &out, &errOut, testNow); code != 1 || !strings.Contains(out.String(), "lexicon.yaml:3:11: besoin inconnu") {
		t.Fatalf("check of a broken lexicon: code %d, out %q", code, out.String())
	}
}
