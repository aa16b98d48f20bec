package catalog

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultLexiconMatchesFile(t *testing.T) {
	def, err := DefaultLexicon()
	if err != nil {
		t.Fatalf("embedded lexicon: %v", err)
	}
	file, err := LoadLexicon(LexiconFile)
	if err != nil {
		t.Fatalf("lexicon.yaml: %v", err)
	}
	if def.Len() != file.Len() || def.Len() < 300 {
		t.Fatalf("embedded lexicon has %d spellings, file %d", def.Len(), file.Len())
	}
}

func TestUnderstandCases(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, text string
		want       Understanding
	}{
		{"issue example", "je cherche du travail à Touba", Understanding{Need: NeedJob, Region: "diourbel", Department: "mbacke", NeedWord: "travail", PlaceWord: "Touba"}},
		{"wolof", "dama bëgg liggéey ci Touba", Understanding{Need: NeedJob, Region: "diourbel", Department: "mbacke", NeedWord: "liggéey", PlaceWord: "Touba"}},
		{"phrase beats its words", "acte de naissance ci Mbacké", Understanding{Need: NeedPapers, Region: "diourbel", Department: "mbacke", NeedWord: "acte de naissance", PlaceWord: "Mbacké"}},
		{"one typo in 5+ letters", "formaton a bambei", Understanding{Need: NeedTraining, Region: "diourbel", Department: "bambey", NeedWord: "formation", PlaceWord: "Bambey"}},
		{"no typo under 5 letters", "tafe", Understanding{}},
		{"lacking is not refusing", "pas de travail", Understanding{Need: NeedJob, NeedWord: "travail"}},
		{"refused need loses", "je ne veux pas partir en pirogue, je veux un travail", Understanding{Need: NeedJob, NeedWord: "travail"}},
		{"only a refused need", "je ne veux pas de visa", Understanding{Need: NeedMigration, NeedWord: "visa"}},
		{"strong beats weak", "formation pour trouver du travail", Understanding{Need: NeedTraining, NeedWord: "formation"}},
		{"return word: origin, returnee", "revenu d'Espagne je cherche du boulot", Understanding{Need: NeedJob, Profile: AudienceReturnee, NeedWord: "boulot"}},
		{"destination", "je veux aller en Espagne", Understanding{Need: NeedMigration, NeedWord: "espagne"}},
		{"region alone", "Diourbel", Understanding{Region: "diourbel", PlaceWord: "Diourbel"}},
		{"department named like its region", "Diourbel ville", Understanding{Region: "diourbel", Department: "diourbel", PlaceWord: "Diourbel ville"}},
		{"commune of another department", "touba lappé", Understanding{Region: "diourbel", Department: "diourbel", PlaceWord: "Touba Lappé"}},
		{"department beats region", "travail touba diourbel", Understanding{Need: NeedJob, Region: "diourbel", Department: "mbacke", NeedWord: "travail", PlaceWord: "Touba"}},
		{"never corrected", "toubab", Understanding{}},
		{"home beats origin", "natif de Touba, j'habite à Keur Massar", Understanding{Region: "dakar", Department: "keur-massar", PlaceWord: "Keur Massar"}},
		{"origin alone", "originaire de Bambey", Understanding{Region: "diourbel", Department: "bambey", PlaceWord: "Bambey"}},
		{"family", "ma fille est malade", Understanding{Need: NeedHealth, Profile: AudienceFamily, NeedWord: "malade"}},
		{"nothing", "bonjour", Understanding{}},
		{"empty", "", Understanding{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lx.Understand(c.text); got != c.want {
				t.Errorf("Understand(%q) = %+v, want %+v", c.text, got, c.want)
			}
		})
	}
}

func TestCorrect(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	small := &Lexicon{tokens: map[string]bool{"bamba": true, "bambey": true, "marcha": true, "marche": true, "marchez": true}}
	small.byLen = wordsByLen(maps.Keys(small.tokens), minTypoLen)
	for _, c := range []struct {
		name string
		lx   *Lexicon
		w    string
		want string
	}{
		{"known", lx, "formation", "formation"},
		{"a letter left out", lx, "formaton", "formation"},
		{"a letter too many", lx, "formattion", "formation"},
		{"a letter changed", lx, "formetion", "formation"},
		{"two letters swapped", lx, "fromation", "formation"},
		{"two typos", lx, "fromaton", "fromaton"},
		{"short words are not corrected", lx, "tafe", "tafe"},
		{"never corrected", lx, "toubab", "toubab"},
		{"left out wins over a change sorting first", small, "bambe", "bambey"},
		{"first in sort order among changes", small, "marchx", "marcha"},
		{"one fewer sorting first", small, "marchex", "marche"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.lx.correct(c.w); got != c.want {
				t.Errorf("correct(%q) = %q, want %q", c.w, got, c.want)
			}
		})
	}
}

func TestUnderstandLongText(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("blabla ", 200) + "travail"
	if u := lx.Understand(text); u.Need != "" {
		t.Fatalf("words past %d bytes were read: %+v", maxUnderstandBytes, u)
	}
}

func TestParseLexiconProblems(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown need", "version: 1\nneeds:\n  - need: emploie\n    words: [job]\nplaces: []\n", "lexicon.yaml:3:11: besoin inconnu « emploie »"},
		{"conflict", "version: 1\nneeds:\n  - need: emploi\n    words: [job]\n  - need: formation\n    words: [stage, job]\nplaces: []\n", "lexicon.yaml:6:20: « job » veut déjà dire le besoin « emploi » (ligne 4)"},
		{"place conflict with the bundled list", "version: 1\nneeds: []\nplaces:\n  - name: Touba\n    department: bambey\n", "lexicon.yaml:4:11: « Touba » veut déjà dire le département « mbacke » (la liste des lieux du Sénégal)"},
		{"unknown department", "version: 1\nneeds: []\nplaces:\n  - name: Ndame\n    department: ndame\n", "lexicon.yaml:5:17: département inconnu « ndame »"},
		{"both region and department", "version: 1\nneeds: []\nplaces:\n  - name: X\n    region: diourbel\n    department: mbacke\n", "lexicon.yaml:4:5: « X » : donnez region OU department"},
		{"unknown key", "version: 1\nneeds: []\nplaces: []\nmots: [a]\n", "lexicon.yaml:4:1: champ inconnu « mots »"},
		{"empty word", "version: 1\nneeds:\n  - need: emploi\n    words: ['...']\nplaces: []\n", "lexicon.yaml:4:13: mot vide"},
		{"bad version", "version: 2\nneeds: []\nplaces: []\n", "lexicon.yaml:1:10: version inconnue"},
		{"syntax", "version: 1\nneeds: [\n", "lexicon.yaml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseLexicon(LexiconFile, []byte(c.yaml))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("problems:\n%v\nwant one containing %q", err, c.want)
			}
		})
	}
}

func TestLoadReadsLexiconBeside(t *testing.T) {
	dir := t.TempDir()
	cat, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "catalog.yaml")
	if err := os.WriteFile(path, cat, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if u := c.Understand("boulot a Touba"); u.Need != NeedJob || u.Department != "mbacke" {
		t.Fatalf("without lexicon.yaml the embedded one should serve: %+v", u)
	}
	lex := "version: 1\nneeds:\n  - need: emploi\n    words: [gagne-pain]\nplaces:\n  - name: Darou Mousty\n    department: kebemer\n"
	if err := os.WriteFile(filepath.Join(dir, LexiconFile), []byte(lex), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err = Load(path); err != nil {
		t.Fatal(err)
	}
	if u := c.Understand("un gagne pain à darou mousty"); u.Need != NeedJob || u.Department != "kebemer" {
		t.Fatalf("lexicon.yaml beside the catalog was not used: %+v", u)
	}
	if err := os.WriteFile(filepath.Join(dir, LexiconFile), []byte("version: 1\nneeds: nope\nplaces: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Load(path)
	if err == nil || !strings.Contains(err.Error(), "lexicon.yaml:2:8:") {
		t.Fatalf("a broken lexicon must refuse the load with its line: %v", err)
	}
}
