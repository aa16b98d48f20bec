package catalog

import (
	"bytes"
	"strings"
	"testing"
)

func TestCoverage(t *testing.T) {
	cov := mustLoad(t, "testdata/reach.yaml").Coverage(testNow)
	if len(cov.Rows) != 16 || len(cov.Needs) != 7 {
		t.Fatalf("%d rows × %d needs, want 16 × 7", len(cov.Rows), len(cov.Needs))
	}
	if got := []string{cov.Rows[0].Department, cov.Rows[1].Department, cov.Rows[2].Department, cov.Rows[3].Region}; strings.Join(got, ",") != "bambey,diourbel,mbacke,dakar" {
		t.Errorf("first rows = %v", got)
	}
	cases := []struct {
		name         string
		region, dept string
		need         Need
		want         CoverageCell
	}{
		{"department phone via organisation", "diourbel", "mbacke", NeedJob, CoverageCell{Offers: 1, Actionable: 1, Local: 1}},
		{"national procedure page", "diourbel", "mbacke", NeedFinance, CoverageCell{Offers: 1, Actionable: 1}},
		{"no contact at all", "diourbel", "mbacke", NeedTalk, CoverageCell{Offers: 1, NoContact: 1}},
		{"e-mail only is a contact, not actionable", "diourbel", "bambey", NeedHealth, CoverageCell{Offers: 1}},
		{"place name only, French only", "diourbel", "diourbel", NeedPapers, CoverageCell{Offers: 1, NoContact: 1, NoWolof: 1}},
		{"address without Wolof", "diourbel", "bambey", NeedTraining, CoverageCell{Offers: 1, Actionable: 1, Local: 1, NoWolof: 1}},
		{"other department's offer not counted", "diourbel", "bambey", NeedJob, CoverageCell{}},
		{"inactive offer not counted", "dakar", "", NeedMigration, CoverageCell{}},
		{"region row gets national offers", "dakar", "", NeedFinance, CoverageCell{Offers: 1, Actionable: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cellOf(cov, tc.region, tc.dept, tc.need)
			if !ok || got != tc.want {
				t.Errorf("cell = %+v (found %v), want %+v", got, ok, tc.want)
			}
		})
	}
}

// cellOf finds a cell of the matrix.
func cellOf(cov Coverage, region, dept string, need Need) (CoverageCell, bool) {
	for _, r := range cov.Rows {
		if r.Region != region || r.Department != dept {
			continue
		}
		for i, n := range cov.Needs {
			if n == need {
				return r.Cells[i], true
			}
		}
	}
	return CoverageCell{}, false
}

func TestCommandCoverage(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"markdown by default", []string{"coverage", "--file", "testdata/reach.yaml"}, 0,
			[]string{"| Lieu | Emploi |", "| Mbacké (Diourbel) | **1**/1 (1) · 0 · 0 |", "| Dakar |", "⚠️", "sans wolof"}},
		{"csv", []string{"catalog", "coverage", "--format", "csv", "testdata/reach.yaml"}, 0,
			[]string{"region,department,place,need,offers,actionable,local,no_contact,no_wolof\n", "diourbel,mbacke,Mbacké,parler,1,0,0,1,0\n", "ziguinchor,,Ziguinchor,parler,1,0,0,1,0\n"}},
		{"unknown format", []string{"coverage", "--format", "pdf"}, 2, nil},
		{"missing file", []string{"coverage", "--file", "testdata/nope.yaml"}, 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := run(tc.args...)
			if code != tc.code {
				t.Errorf("code %d, want %d; out %q", code, tc.code, out)
			}
			for _, s := range tc.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestCoverageCSVHasEveryCell(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCoverageCSV(&b, mustLoad(t, "testdata/reach.yaml").Coverage(testNow)); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 1+16*7 {
		t.Errorf("%d lines, want header + 112", lines)
	}
}
