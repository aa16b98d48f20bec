package flows

import (
	"strings"
	"testing"

	"github.com/samayoon/samayoon/catalog"
)

// TestRealCatalogEveryCellActionable walks returnee → Diourbel → each department → each need →
// the first details page on the shipped catalog, in French and in Wolof: no dead end, no
// "nothing found", and in Wolof no French fallback (each entry's way to reach it is checked by
// TestRealCatalogEveryEntryReachable).
func TestRealCatalogEveryCellActionable(t *testing.T) {
	bad := map[string][]string{
		"fr": {"pas trouvé", "voir les détails"},
		"wo": {"ci farañse", "Gisuma", "voir les détails", "pas trouvé"},
	}
	for _, lang := range []string{"fr", "wo"} {
		for _, dept := range []string{"bambey", "diourbel", "mbacke"} {
			for _, need := range catalog.Needs() {
				t.Run(lang+"/"+dept+"/"+string(need), func(t *testing.T) {
					e, st := newRealEngine(t)
					c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:9", PlatformLang: lang}}
					c.say("/start r-diourbel_d-" + dept + "_n-" + string(need) + "_p-retour_l-" + lang)
					results := c.last[len(c.last)-1]
					c.say("[ℹ️ 1]")
					details := c.last[len(c.last)-1]
					for _, page := range []string{results.Text, details.Text} {
						for _, b := range bad[lang] {
							if strings.Contains(page, b) {
								t.Errorf("%q on the page:\n%s", b, page)
							}
						}
					}
				})
			}
		}
	}
}
