package review

import (
	"path/filepath"
	"strings"
	"testing"
)

// repoPaths are the repository's own texts, seen from this package's folder.
func repoPaths() Paths {
	return Paths{Locales: filepath.Join("..", "locales"), Catalog: filepath.Join("..", "catalog", "catalog.yaml")}
}

// TestRepositoryReviewsAreCurrent fails for each review mark whose French (or Wolof) changed
// since the review, naming the text; it does not require any text to stay unreviewed.
func TestRepositoryReviewsAreCurrent(t *testing.T) {
	s := load(t, repoPaths())
	if s.Embedded {
		t.Fatal("the repository's files were not found")
	}
	for _, msg := range s.Inconsistencies() {
		t.Error(msg)
	}
}

// glossaryRules reads the repository's glossary.
func glossaryRules(t *testing.T) []Rule {
	t.Helper()
	rules, err := ReadGlossary(filepath.Join("..", GlossaryPath))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 15 {
		t.Fatalf("only %d rejected forms read from the glossary's table", len(rules))
	}
	return rules
}

// TestMessagesFollowGlossary flags every form the glossary rejects in the Wolof messages.
func TestMessagesFollowGlossary(t *testing.T) {
	for _, f := range CheckGlossary(glossaryRules(t), load(t, repoPaths()).Texts) {
		if !(Text{ID: f.ID}).Catalog() {
			t.Error(f)
		}
	}
}

// TestCatalogFollowsGlossary flags every form the glossary rejects in the catalog's Wolof.
func TestCatalogFollowsGlossary(t *testing.T) {
	for _, f := range CheckGlossary(glossaryRules(t), load(t, repoPaths()).Texts) {
		if (Text{ID: f.ID}).Catalog() {
			t.Error(f)
		}
	}
}

func TestGlossaryMatching(t *testing.T) {
	rules := ParseGlossary("| Idée | Retenu | Refusé | Pourquoi |\n|---|---|---|---|\n" +
		"| pouvoir | mën | `man nga`, `manul` | « man » veut dire moi |\n" +
		"| payer | fey | `fay` | |\n| langue | làkk | `lakk` | |\n| santé | wér-gi-yaram | `wer gi yaram` | |\n" +
		"| aide | ndimbal | | `dans la dernière colonne`, pas une règle |\n")
	if len(rules) != 5 {
		t.Fatalf("%d rules, want 5: %+v", len(rules), rules)
	}
	cases := []struct {
		name, wo string
		want     []string
	}{
		{"phrase, any case", "Man nga bind fii.", []string{"man nga"}},
		{"pronoun alone is fine", "Man, dinaa la tontu.", nil},
		{"chosen form", "Mën nga fey ci biro bi.", nil},
		{"whole word only", "fayda ak manulwaa", nil},
		{"accents count", "Tànnal sa làkk.", nil},
		{"missing accent", "Tànnal sa lakk.", []string{"lakk"}},
		{"hyphens split words", "Wer-gi-yaram", []string{"wer gi yaram"}},
		{"several", "Amul fay, manul.", []string{"manul", "fay"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range CheckGlossary(rules, []Text{{ID: "x", Wo: tc.wo}}) {
				got = append(got, f.Rule.Rejected)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%q: found %v, want %v", tc.wo, got, tc.want)
			}
		})
	}
}

// TestAboutTellsReviewState keeps /apropos honest: it says the Wolof awaits a native
// speaker's review until every Wolof text is reviewed, and stops saying so then.
func TestAboutTellsReviewState(t *testing.T) {
	s := load(t, repoPaths())
	c := Count(s.Texts, nil)
	pending := c.Reviewed < c.Texts
	fr, _ := s.Text("msg/about_text")
	wo, _ := s.Text("msg/about_text")
	saysFr := strings.Contains(fr.Fr, "pas encore relu par un locuteur natif")
	saysWo := strings.Contains(wo.Wo, "seetaatagul wolof bi")
	if saysFr != pending || saysWo != pending {
		t.Errorf("%d of %d Wolof texts reviewed, but /apropos says pending review: fr %v, wo %v; update about_text in fr.toml and wo.toml", c.Reviewed, c.Texts, saysFr, saysWo)
	}
}
