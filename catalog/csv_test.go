package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCSVRoundTrip(t *testing.T) {
	for _, path := range []string{"testdata/valid.yaml", "catalog.yaml"} {
		t.Run(path, func(t *testing.T) {
			orig := mustLoad(t, path)
			var buf bytes.Buffer
			if err := ExportCSV(&buf, orig); err != nil {
				t.Fatal(err)
			}
			y, err := ImportCSV(&buf)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, y)
			}
			back, err := Parse("back.yaml", y)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(orig.Orgs(), back.Orgs()) {
				t.Errorf("organizations differ after round trip")
			}
			if !reflect.DeepEqual(orig.Offers(), back.Offers()) {
				for i, o := range orig.Offers() {
					if !reflect.DeepEqual(o, back.Offers()[i]) {
						t.Errorf("offer %s differs:\n%+v\n%+v", o.ID, o, back.Offers()[i])
					}
				}
			}
			if !reflect.DeepEqual(orig.AllInfoPages(), back.AllInfoPages()) {
				t.Errorf("info pages differ after round trip")
			}
		})
	}
}

func TestImportCSVErrors(t *testing.T) {
	cases := []struct{ name, csv, want string }{
		{"unknown kind", "kind,id\nthing,x\n", "ligne 2"},
		{"bad date", "kind,id,verified\norganization,x,29/11/2026\n", "date invalide"},
		{"bad json", "kind,id,phones\norganization,x,{oops\n", "JSON invalide"},
		{"invalid catalog", "kind,id,status\noffer,x,active\n", "la liste « needs » est vide"},
		{"empty", "", "en-tête"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ImportCSV(strings.NewReader(tc.csv))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// validCSV exports testdata/valid.yaml: row 2 is the organization, rows 3-8 the offers
// (mbacke-jobs first), row 9 the information page.
func validCSV(t *testing.T) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := ExportCSV(&buf, mustLoad(t, "testdata/valid.yaml")); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// setCells changes cells given as row (1-based, as in a spreadsheet), column name, value.
func setCells(t *testing.T, recs [][]string, edits ...any) string {
	t.Helper()
	for i := 0; i+2 < len(edits); i += 3 {
		row, col, val := edits[i].(int), edits[i+1].(string), edits[i+2].(string)
		j := slices.Index(recs[0], col)
		if j < 0 {
			t.Fatalf("no column %q", col)
		}
		recs[row-1][j] = val
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestImportCSVProblemsPointAtSpreadsheet(t *testing.T) {
	cases := []struct {
		name  string
		edits []any
		want  []string
	}{
		{"cells that cannot be read, all at once", []any{4, "verified", "29/11/2026", 2, "phones", "{oops", 6, "general_contact", "oui"}, []string{
			"ligne 2, colonne « phones » : JSON invalide",
			"ligne 4, colonne « verified » : date invalide « 29/11/2026 »",
			"ligne 6, colonne « general_contact » : écrivez true ou false",
		}},
		{"values the catalog refuses", []any{4, "area.regions", "djourbel", 3, "phones", `[{"number": "33 800"}]`, 7, "window.closes", "2025-01-01", 5, "email", "x-at-y"}, []string{
			"ligne 3, colonne « phones » : numéro « 33 800 » invalide",
			"ligne 4, colonne « area.regions » : région « djourbel » inconnue",
			"ligne 5, colonne « email » : adresse e-mail « x-at-y » invalide",
		}},
		{"required cells left empty", []any{3, "summary.fr", "", 8, "verified", "", 9, "needs", ""}, []string{
			"ligne 3, colonne « summary.fr » : le champ obligatoire « fr » est vide",
			"ligne 8, colonne « verified » : le champ obligatoire « verified » est vide",
			"ligne 9",
		}},
		{"duplicate id names the first row", []any{6, "id", "mbacke-jobs"}, []string{
			"ligne 6, colonne « id » : identifiant « mbacke-jobs » déjà utilisé par une autre offre (ligne 3 du tableau)",
		}},
		{"unknown organization", []any{5, "organization", "org-z"}, []string{
			"ligne 5, colonne « organization » : organisation « org-z » inconnue",
		}},
		{"misspelt column header", []any{1, "email", "courriel"}, []string{
			"ligne 1, colonne « courriel » : colonne inconnue",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ImportCSV(strings.NewReader(setCells(t, validCSV(t), tc.edits...)))
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *CSVError", err)
			}
			got := ce.Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			if strings.Contains(got, "import.yaml") || strings.Contains(got, "yaml") {
				t.Errorf("problems mention the generated YAML:\n%s", got)
			}
		})
	}
}
