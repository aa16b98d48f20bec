package review

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// day1 and day2 are the fixed clocks of the import tests.
var (
	day1 = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
)

// testRepo copies the real message files and the test catalog into a temporary folder laid
// out like the repository, and returns its paths.
func testRepo(t *testing.T) Paths {
	t.Helper()
	dir := t.TempDir()
	p := Paths{Locales: filepath.Join(dir, "locales"), Catalog: filepath.Join(dir, "catalog", "catalog.yaml")}
	copyFile(t, filepath.Join("..", "locales", "fr.toml"), filepath.Join(p.Locales, "fr.toml"))
	copyFile(t, filepath.Join("..", "locales", "wo.toml"), filepath.Join(p.Locales, "wo.toml"))
	copyFile(t, filepath.Join("testdata", "catalog.yaml"), p.Catalog)
	return p
}

// copyFile copies src to dst, creating dst's folder.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// load reads the texts or fails the test.
func load(t *testing.T, p Paths) *Set {
	t.Helper()
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exportCSV exports every text as the CLI does.
func exportCSV(t *testing.T, s *Set) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ExportCSV(&b, s.Texts, ';'); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// spreadsheet edits an exported CSV the way a reviewer's spreadsheet would save it: cells
// changed by id, rows ending in CRLF, the BOM kept, the date column turned into a local date.
func spreadsheet(t *testing.T, data []byte, edits map[string]map[string]string) []byte {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, rec := range recs[1:] {
		for name, v := range edits[rec[0]] {
			rec[col[name]] = v
		}
		if rec[col["date"]] != "" {
			rec[col["date"]] = "06/12/2026"
		}
	}
	var b bytes.Buffer
	b.WriteString(bom)
	cw := csv.NewWriter(&b)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// status returns a text's status or fails the test.
func statusOf(t *testing.T, s *Set, id string) Text {
	t.Helper()
	x, ok := s.Text(id)
	if !ok {
		t.Fatalf("no text %s", id)
	}
	return x
}

func TestRoundTripMarksSurviveAndFrenchChangeReflags(t *testing.T) {
	p := testRepo(t)
	s := load(t, p)
	sheet := spreadsheet(t, exportCSV(t, s), map[string]map[string]string{
		"msg/greeting":         {"statut": "relu"},
		"msg/choice_back":      {"wolof": "⬅️ Dellu ginnaaw", "statut": "Relu", "notes": "« Dellu » seul suffit ?"},
		"offer/jobs/summary":   {"wolof": "Ndimbal ngir am liggéey.", "statut": "relu"},
		"offer/jobs/name":      {"statut": "relu"},
		"location/jobs/1/name": {"wolof": "Biro bu Mbàkke", "statut": "à relire"},
		"info/risks/body":      {"wolof": "Mbind mu\nñaari rëdd.", "statut": "relu"},
	})
	rep, err := Import(p, sheet, "Awa Test", day1)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(rep.Signed) != 5 || len(rep.Edited) != 4 || len(rep.Written) != 4 {
		t.Errorf("report %+v: want 5 signed, 4 edited, 4 files", rep)
	}
	s = load(t, p)
	for _, id := range []string{"msg/greeting", "msg/choice_back", "offer/jobs/summary", "offer/jobs/name", "info/risks/body"} {
		if x := statusOf(t, s, id); x.Status != Reviewed || x.Mark.Reviewer != "Awa Test" || x.Mark.Date != "2026-12-06" {
			t.Errorf("%s: %s by %q on %q, want reviewed by Awa Test on 2026-12-06", id, x.Status, x.Mark.Reviewer, x.Mark.Date)
		}
	}
	if x := statusOf(t, s, "location/jobs/1/name"); x.Status != Unreviewed || x.Wo != "Biro bu Mbàkke" {
		t.Errorf("location: %s %q, want unreviewed with the new Wolof", x.Status, x.Wo)
	}
	if x := statusOf(t, s, "msg/choice_back"); x.Mark.Notes != "« Dellu » seul suffit ?" || x.Wo != "⬅️ Dellu ginnaaw" {
		t.Errorf("choice_back: %+v", x)
	}
	checkKeptLayout(t, p)

	// the catalog's own CSV round trip rewrites the YAML without comments: marks stay
	c, err := catalog.Load(p.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	var sheetCat bytes.Buffer
	if err := catalog.ExportCSV(&sheetCat, c); err != nil {
		t.Fatal(err)
	}
	yamlOut, err := catalog.ImportCSV(&sheetCat)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.Catalog, yamlOut, 0o644); err != nil {
		t.Fatal(err)
	}
	s = load(t, p)
	if x := statusOf(t, s, "info/risks/body"); x.Status != Reviewed {
		t.Errorf("after catalog export/import: info/risks/body is %s, want reviewed", x.Status)
	}

	// a change to the French flags the Wolof again, in status, catalog check and go test
	data, _ := os.ReadFile(p.Catalog)
	data = bytes.Replace(data, []byte("Aide à trouver un emploi."), []byte("Aide pour trouver un emploi salarié."), 1)
	if err := os.WriteFile(p.Catalog, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s = load(t, p)
	if x := statusOf(t, s, "offer/jobs/summary"); x.Status != Stale || !strings.Contains(x.StaleReason(), "français") {
		t.Errorf("after a French change: %s (%s), want stale because of the French", x.Status, x.StaleReason())
	}
	ws, err := CatalogWarnings(p.Catalog)
	if err != nil || len(ws) != 1 || !strings.Contains(ws[0], "offer/jobs/summary") || !strings.Contains(ws[0], "Awa Test") {
		t.Errorf("catalog warnings %q (%v), want one naming offer/jobs/summary", ws, err)
	}
	if got := s.Inconsistencies(); len(got) != 1 || !strings.Contains(got[0], "offer/jobs/summary") {
		t.Errorf("Inconsistencies = %q, want one message naming offer/jobs/summary", got)
	}
	// re-exported as "à revoir", signed off again by another reviewer: reviewed again
	sheet = spreadsheet(t, exportCSV(t, s), map[string]map[string]string{"offer/jobs/summary": {"statut": "relu"}})
	if _, err := Import(p, sheet, "Moussa Test", day2); err != nil {
		t.Fatal(err)
	}
	s = load(t, p)
	if x := statusOf(t, s, "offer/jobs/summary"); x.Status != Reviewed || x.Mark.Reviewer != "Moussa Test" {
		t.Errorf("re-review: %s by %s", x.Status, x.Mark.Reviewer)
	}
	if x := statusOf(t, s, "msg/greeting"); x.Mark.Reviewer != "Awa Test" {
		t.Errorf("an unchanged reviewed row changed reviewer to %q", x.Mark.Reviewer)
	}
}

// checkKeptLayout checks that an import changed only the lines of the texts it edited.
func checkKeptLayout(t *testing.T, p Paths) {
	t.Helper()
	got, _ := os.ReadFile(p.Catalog)
	for _, want := range []string{
		"# Catalogue de test",
		`fr: "Une organisation de test."   # commentaire du français, à garder`,
		"      wo: \"Liggéey ci Mbàkke\"\n", // signed off: its "à relire" comment is gone
		"      wo: \"Ndimbal ngir am liggéey.\"\n",
		`- name: {fr: "Bureau de Mbacké", wo: "Biro bu Mbàkke"}`,
		"      wo: |\n        Benn.\n        Ñaar.\n\n    cost: {fr: \"Gratuit.\", wo: 'Amul fey.'}",
		"      wo: |-\n        Mbind mu\n        ñaari rëdd.\n",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("catalog after import lacks %q:\n%s", want, got)
		}
	}
	wo, _ := os.ReadFile(filepath.Join(p.Locales, "wo.toml"))
	if !strings.Contains(string(wo), "# à relire : locuteur natif\nlang_question") || strings.Contains(string(wo), "# à relire : locuteur natif\ngreeting") {
		t.Errorf("wo.toml: the marker of the signed-off greeting should go, the others stay")
	}
	if !strings.Contains(string(wo), "choice_back = \"⬅️ Dellu ginnaaw\"\n") {
		t.Errorf("wo.toml: choice_back not rewritten")
	}
}

func TestImportRefusesBadRowsAndWritesNothing(t *testing.T) {
	p := testRepo(t)
	s := load(t, p)
	before := snapshot(t, p)
	sheet := spreadsheet(t, exportCSV(t, s), map[string]map[string]string{
		"msg/greeting":       {"wolof": "Salaam !", "statut": "relu"}, // valid, but must not be written
		"msg/results_none":   {"wolof": "Gisuma dara ({{.Place}})."},
		"msg/choice_back":    {"statut": "peut-être"},
		"offer/jobs/summary": {"statut": "relu"},
		"offer/jobs/name":    {"wolof": ""},
	})
	sheet = append(sheet, []byte("offer/nope/name;;;Dara;relu;;;\r\n")...)
	_, err := Import(p, sheet, "Awa Test", day1)
	var ce *catalog.CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("err %v, want a *catalog.CSVError", err)
	}
	for _, want := range []string{
		"colonne « statut » : statut « peut-être » inconnu",
		"colonne « wolof » : variables {{.Need}} {{.Place}} attendues",
		"colonne « wolof » : statut « relu » sans texte wolof",
		"colonne « wolof » : cellule vide",
		"colonne « id » : texte inconnu « offer/nope/name »",
	} {
		if !strings.Contains(ce.Error(), want) {
			t.Errorf("problems lack %q:\n%s", want, ce.Error())
		}
	}
	if len(ce.Problems) != 5 {
		t.Errorf("%d problems, want 5:\n%s", len(ce.Problems), ce.Error())
	}
	for _, pr := range ce.Problems {
		if pr.Row < 2 {
			t.Errorf("problem without its row: %+v", pr)
		}
	}
	if _, err := Import(p, exportCSV(t, s), "", day1); err == nil || !strings.Contains(err.Error(), "--reviewer") {
		t.Errorf("import without a reviewer: %v", err)
	}
	if after := snapshot(t, p); after != before {
		t.Errorf("a refused import changed the files")
	}
}

// snapshot concatenates every file of the test repository.
func snapshot(t *testing.T, p Paths) string {
	t.Helper()
	var b strings.Builder
	for _, f := range []string{filepath.Join(p.Locales, "wo.toml"), p.Catalog, p.LocaleReview(), p.CatalogReview()} {
		data, _ := os.ReadFile(f)
		b.WriteString(f + "\n" + string(data))
	}
	return b.String()
}

func TestXLIFFRoundTrip(t *testing.T) {
	p := testRepo(t)
	s := load(t, p)
	var b bytes.Buffer
	if err := ExportXLIFF(&b, s.Texts); err != nil {
		t.Fatal(err)
	}
	x := strings.Replace(b.String(), `<trans-unit id="offer/jobs/summary" approved="no"`, `<trans-unit id="offer/jobs/summary" approved="yes"`, 1)
	x = strings.Replace(x, "<target state=\"needs-translation\"></target>\n        <note from=\"where\">offre « Placement à Mbacké » : résumé", "<target state=\"translated\">Ndimbal ngir liggéey.</target>\n        <note from=\"where\">offre « Placement à Mbacké » : résumé", 1)
	if x == b.String() {
		t.Fatal("the edit did not apply to the export")
	}
	if _, err := Import(p, []byte(x), "Awa Test", day1); err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, load(t, p), "offer/jobs/summary"); got.Status != Reviewed || got.Wo != "Ndimbal ngir liggéey." {
		t.Errorf("after XLIFF import: %s %q", got.Status, got.Wo)
	}
}

func TestRecordReviewForTheWorkspace(t *testing.T) {
	p := testRepo(t)
	if err := RecordReview(p, "info/risks/title", "Awa Test", day1, false); err != nil {
		t.Fatal(err)
	}
	if x := statusOf(t, load(t, p), "info/risks/title"); x.Status != Reviewed || x.Mark.Date != "2026-12-06" {
		t.Errorf("after RecordReview: %s on %s", x.Status, x.Mark.Date)
	}
	if err := RecordReview(p, "info/risks/body", "Awa Test", day1, false); err == nil {
		t.Error("a text without Wolof was marked reviewed")
	}
	if err := RecordReview(p, "info/risks/title", "", day2, true); err != nil {
		t.Fatal(err)
	}
	s := load(t, p)
	if x := statusOf(t, s, "info/risks/title"); x.Status != Unreviewed {
		t.Errorf("after withdrawing: %s", x.Status)
	}
	if n := Count(s.Texts, NeedsReview).Texts; n != len(s.Texts) {
		t.Errorf("%d of %d texts need review, want all", n, len(s.Texts))
	}
}
