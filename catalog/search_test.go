package catalog

import "testing"

func TestSearch(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	cases := []struct {
		name, text string
		want       []string
	}{
		{"name word", "couture", []string{"diourbel-training"}},
		{"accent and case insensitive", "PLACEMENT a MBACKÉ", []string{"mbacke-jobs"}},
		{"keyword", "tailleur", []string{"diourbel-training"}},
		{"wolof keyword", "ñaw", []string{"diourbel-training"}},
		{"wolof synonym for job, name match first", "liggéey", []string{"mbacke-jobs", "national-fund"}},
		{"french synonym", "travail", []string{"mbacke-jobs", "national-fund"}},
		{"one typo in a long word", "coutrue", []string{"diourbel-training"}},
		{"one substitution", "plecement", []string{"mbacke-jobs"}},
		{"a letter left out", "coutre", []string{"diourbel-training"}},
		{"a letter too many", "couturre", []string{"diourbel-training"}},
		{"two typos fail", "cuotrue", nil},
		{"short words need exact spelling", "fnds", nil},
		{"name ranks before summary", "financement", []string{"national-fund"}},
		{"organization acronym", "orga", []string{"mbacke-jobs", "diourbel-training", "national-fund", "touba-radius"}},
		{"closed and inactive offers hidden", "appel clos", nil},
		{"stopwords only", "je veux des", nil},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(c.Search(tc.text, testNow, 0)); !equal(got, tc.want) {
				t.Errorf("Search(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
	if got := c.Search("orga", testNow, 2); len(got) != 2 {
		t.Errorf("limit 2 gave %d", len(got))
	}
}

func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"emploi", "emploi", false}, {"emploi", "enploi", true}, {"emploi", "emplio", true},
		{"emploi", "emplo", true}, {"emploi", "emplois", true}, {"emploi", "eploi", true},
		{"emploi", "mepoli", false}, {"abc", "abcde", false}, {"ab", "ba", true},
	} {
		if got := oneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
