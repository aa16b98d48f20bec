package catalog

import (
	"errors"
	"strings"
	"testing"
)

// baseYAML is a minimal valid catalog; cases replace one line of it.
const baseYAML = `version: 1
organizations:
  - id: org-a
    name: Organisation A
    website: https://a.example.sn
    phones: [{number: "+221338000000"}]
    sources: [https://a.example.sn]
    verified: 2026-11-01
offers:
  - id: offer-a
    organization: org-a
    name: {fr: Offre A}
    summary: {fr: Une offre}
    audiences: [retour]
    needs: [emploi]
    area: {departments: [mbacke]}
    locations: [{name: {fr: Bureau}, region: diourbel, department: mbacke}]
    email: a@a.example.sn
    window: {opens: 2026-01-01, closes: 2026-12-31}
    status: active
    sources: [https://a.example.sn/a]
    verified: 2026-11-01
`

func TestValidationProblems(t *testing.T) {
	cases := []struct {
		name, old, new string
		line, col      int
		want           string
	}{
		{"unknown field", "    status: active", "    statut: active", 20, 5, "champ inconnu « statut »"},
		{"missing required field", "    summary: {fr: Une offre}\n", "", 10, 5, "champ obligatoire manquant : « summary »"},
		{"missing french text", "    name: {fr: Offre A}", "    name: {wo: Offre A}", 12, 0, "« fr »"},
		{"duplicate offer id", "  - id: offer-a", "  - id: offer-a\n    id: offer-b", 11, 5, "apparaît deux fois"},
		{"unknown region", "region: diourbel", "region: djourbel", 17, 0, "région « djourbel » inconnue"},
		{"unknown department", "departments: [mbacke]", "departments: [touba]", 16, 0, "département « touba » inconnu"},
		{"department outside region", "region: diourbel, department: mbacke", "region: thies, department: mbacke", 17, 0, "n'est pas dans la région"},
		{"bad phone", `"+221338000000"`, `"33 800 00 00"`, 6, 0, "numéro « 33 800 00 00 » invalide"},
		{"foreign phone refused", `"+221338000000"`, `"+33612345678"`, 6, 0, "numéro « +33612345678 » refusé : seuls les numéros sénégalais"},
		{"senegal phone with spaces", `"+221338000000"`, `"+221 33 800 00 00"`, 6, 0, "numéro « +221 33 800 00 00 » invalide"},
		{"senegal phone too short", `"+221338000000"`, `"+22133800000"`, 6, 0, "9 chiffres exactement"},
		{"bad email", "email: a@a.example.sn", "email: a-at-example", 18, 12, "adresse e-mail « a-at-example » invalide"},
		{"bad website", "website: https://a.example.sn", "website: a.example.sn", 5, 14, "adresse web « a.example.sn » invalide"},
		{"bad source url", "sources: [https://a.example.sn/a]", "sources: [voir le journal]", 21, 0, "source « voir le journal » invalide"},
		{"bad date", "verified: 2026-11-01\noffers", "verified: 01/11/2026\noffers", 8, 15, "date invalide « 01/11/2026 »"},
		{"closing before opening", "closes: 2026-12-31", "closes: 2025-12-31", 19, 0, "avant la date d'ouverture"},
		{"unknown need", "needs: [emploi]", "needs: [travail]", 15, 0, "besoin « travail » inconnu"},
		{"unknown audience", "audiences: [retour]", "audiences: [migrant]", 14, 0, "public « migrant » inconnu"},
		{"unknown organization", "organization: org-a", "organization: org-b", 11, 19, "organisation « org-b » inconnue"},
		{"bad offer id", "  - id: offer-a", "  - id: Offre A", 10, 9, "identifiant « Offre A » invalide"},
		{"offer id too long", "  - id: offer-a", "  - id: " + strings.Repeat("a", 41), 10, 9, "40 caractères au plus"},
		{"bad status", "status: active", "status: ouvert", 20, 13, "statut « ouvert » inconnu"},
		{"empty area", "area: {departments: [mbacke]}", "area: {}", 16, 0, "zone vide"},
		{"text without language", "    name: {fr: Offre A}", "    name: Offre A", 12, 11, "{fr:"},
		{"no space after colon", "    name: {fr: Offre A}", "    name: {fr:Offre A}", 12, 12, "mettez une espace après « : », comme « fr: Offre A »"},
		{"list expected", "needs: [emploi]", "needs: emploi", 15, 12, "une liste est attendue"},
		{"number expected", "region: diourbel, department: mbacke}", "region: diourbel, department: mbacke, lat: nord}", 17, 0, "un nombre est attendu"},
		{"yaml syntax", "    name: Organisation A", "    name: [Organisation A", 5, 0, "syntaxe YAML invalide"},
		{"tab indentation", "    name: Organisation A", "\tname: Organisation A", 4, 0, "syntaxe YAML"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(baseYAML, tc.old, tc.new, 1)
			if src == baseYAML {
				t.Fatalf("case does not change the base: %q not found", tc.old)
			}
			_, err := Parse("catalog.yaml", []byte(src))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want *ValidationError", err)
			}
			for _, p := range ve.Problems {
				if strings.Contains(p.Msg, tc.want) && p.Line == tc.line && (tc.col == 0 || p.Col == tc.col) && p.File == "catalog.yaml" {
					return
				}
			}
			t.Errorf("no problem %q at %d:%d in\n%v", tc.want, tc.line, tc.col, ve)
		})
	}
}

func TestBaseYAMLIsValid(t *testing.T) {
	if _, err := Parse("catalog.yaml", []byte(baseYAML)); err != nil {
		t.Fatalf("base: %v", err)
	}
}

func TestDuplicateIDAcrossEntries(t *testing.T) {
	i := strings.Index(baseYAML, "  - id: offer-a")
	src := baseYAML + baseYAML[i:]
	_, err := Parse("catalog.yaml", []byte(src))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Line != 23 ||
		!strings.Contains(ve.Problems[0].Msg, "déjà utilisé par une autre offre (ligne 10)") {
		t.Fatalf("err = %v", err)
	}
}

func TestEveryProblemReportedAtOnce(t *testing.T) {
	src := strings.NewReplacer("needs: [emploi]", "needs: [travail]", "status: active", "status: ouvert",
		"+221338000000", "12", "org-a\n    name", "org-a\n    nom: x\n    name").Replace(baseYAML)
	_, err := Parse("catalog.yaml", []byte(src))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 5 {
		t.Fatalf("want 5 problems, got %v", err)
	}
	for i := 1; i < len(ve.Problems); i++ {
		if ve.Problems[i].Line < ve.Problems[i-1].Line {
			t.Errorf("problems not sorted by line: %v", ve)
		}
	}
}

func TestParseOddInputs(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "le fichier est vide"},
		{"comments only", "# rien\n", "le fichier est vide"},
		{"two documents", baseYAML + "---\nversion: 1\n", "un seul document"},
		{"alias", strings.NewReplacer("sources: [https://a.example.sn]", "sources: &s [https://a.example.sn]", "sources: [https://a.example.sn/a]", "sources: *s").Replace(baseYAML), "alias"},
		{"top level list", "- a\n- b\n", "bloc de champs"},
		{"wrong version", strings.Replace(baseYAML, "version: 1", "version: 2", 1), "version 2 inconnue"},
		{"null document", "~\n", "le fichier est vide"},
		{"unknown anchor", "version: 1\noffers: *a\n", "f.yaml:2:9: les alias YAML"},
		{"second document", baseYAML + "---\nversion: 1\n", "f.yaml:23:1: un seul document"},
		{"latin-1 file", strings.Replace(baseYAML, "Une offre", "Une offre \xe9t\xe9", 1), "f.yaml:13:29: caractère illisible"},
		{"control character", strings.Replace(baseYAML, "Une offre", "Une\x01offre", 1), "f.yaml:13:22: caractère illisible"},
		{"continuation line", strings.Replace(baseYAML, "organizations:\n", "", 1), "f.yaml:2:3: syntaxe YAML invalide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestDeepNestingSkipsPreciseReread(t *testing.T) {
	for _, tc := range []struct {
		src     string
		shallow bool
	}{
		{baseYAML, true},
		{strings.Repeat("[", 65), false},
		{strings.Repeat("{a: ", 65), false},
		{"x:\n  " + strings.Repeat("- ", 65) + "1\n", false},
		{strings.Repeat("[]", 1000), true},
	} {
		if got := shallow([]byte(tc.src)); got != tc.shallow {
			t.Errorf("shallow(%.20q...) = %v, want %v", tc.src, got, tc.shallow)
		}
	}
	_, err := Parse("f.yaml", []byte(strings.Repeat("[", 100000)))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Line != 1 || !strings.Contains(ve.Problems[0].Msg, "syntaxe YAML invalide") {
		t.Fatalf("err = %v", err)
	}
}
