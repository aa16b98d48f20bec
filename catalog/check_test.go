package catalog

import (
	"strings"
	"testing"
)

// checkBase is a catalog without warnings at testNow: one reachable national offer, in
// French and Wolof, for every need; cases change one line of it.
const checkBase = `version: 1
organizations:
  - id: org-a
    name: Organisation A
    phones: [{number: "+221338000000"}]
    sources: [https://a.example.sn]
    verified: 2026-11-01
offers:
  - id: offer-a
    organization: org-a
    name: {fr: Offre A, wo: Ndimbal A}
    summary: {fr: Une offre, wo: Benn ndimbal}
    audiences: [retour]
    needs: [emploi, formation, financement, sante, papiers, migration, parler]
    area: {national: true}
    status: active
    sources: [https://a.example.sn/a]
    verified: 2026-11-01
info_pages:
  - id: page-a
    needs: [migration]
    title: {fr: Page A, wo: Xët A}
    body: {fr: Texte, wo: Mbind}
    sources: [https://a.example.sn/p]
    verified: 2026-11-01
`

func TestCheckWarningKinds(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string
		count, line    int
	}{
		{"unreachable active offer", `    phones: [{number: "+221338000000"}]` + "\n", "", "« offer-a » n'a aucun moyen d'être jointe", 1, 8},
		{"inactive offer may be unreachable", `    phones: [{number: "+221338000000"}]` + "\n    sources", "    sources", "n'a aucun moyen", 0, 0},
		{"website is a way to reach", `    phones: [{number: "+221338000000"}]`, "    website: https://a.example.sn", "n'a aucun moyen", 0, 0},
		{"verified in the future", "    verified: 2026-11-01\ninfo", "    verified: 2026-12-24\ninfo", "« offer-a » est datée dans le futur (verified: 2026-12-24)", 1, 9},
		{"verified today is fine", "    verified: 2026-11-01\ninfo", "    verified: 2026-11-29\ninfo", "futur", 0, 0},
		{"stale entry", "    verified: 2026-11-01\noffers", "    verified: 2026-01-01\noffers", "« org-a » n'a pas été vérifiée depuis 332 jours", 1, 3},
		{"http source", "sources: [https://a.example.sn/a]", "sources: [http://a.example.sn/a]", "« offer-a » a une source en http:// (http://a.example.sn/a)", 1, 9},
		{"http source of a page", "sources: [https://a.example.sn/p]", "sources: [http://a.example.sn/p]", "la page « page-a » a une source en http://", 1, 20},
		{"French without Wolof", "summary: {fr: Une offre, wo: Benn ndimbal}", "summary: {fr: Une offre}", "« offer-a » a du français sans wolof dans : summary ;", 1, 9},
		{"office name without Wolof", "    status: active", "    locations: [{name: {fr: Bureau}}]\n    status: active", "sans wolof dans : locations[0].name", 1, 9},
		{"page without Wolof", "body: {fr: Texte, wo: Mbind}", "body: {fr: Texte}", "la page « page-a » a du français sans wolof dans : body", 1, 20},
		{"empty Diourbel cell", "sante, papiers,", "sante,", "pour : papiers ;", 3, 1},
		{"closed window", "    status: active", "    window: {closes: 2026-10-31}\n    status: active", "l'appel de l'offre « offer-a » est clos depuis le 2026-10-31", 1, 9},
	}
	if ws := Check(mustParse(t, checkBase), testNow); len(ws) != 0 {
		t.Fatalf("base has warnings: %v", ws)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(checkBase, tc.old, tc.new, 1)
			if src == checkBase {
				t.Fatalf("case does not change the base: %q not found", tc.old)
			}
			if tc.name == "inactive offer may be unreachable" {
				src = strings.Replace(src, "status: active", "status: inactive", 1)
			}
			n := 0
			for _, w := range Check(mustParse(t, src), testNow) {
				if !strings.Contains(w.Msg, tc.want) {
					continue
				}
				n++
				if w.Line != tc.line || !strings.HasPrefix(w.Msg, "attention : ") {
					t.Errorf("warning at line %d, want %d: %s", w.Line, tc.line, w)
				}
			}
			if n != tc.count {
				t.Errorf("%d warnings containing %q, want %d", n, tc.want, tc.count)
			}
		})
	}
}

// mustParse parses catalog YAML or fails the test.
func mustParse(t testing.TB, src string) *Catalog {
	t.Helper()
	c, err := Parse("catalog.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}
