package flows

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/internal/testutil"
)

// newRealEngine is an engine over the shipped catalog (catalog/catalog.yaml, embedded) with
// a staff group, as the bot runs in Diourbel.
func newRealEngine(t testing.TB) (*Engine, *memStore) {
	t.Helper()
	real, err := catalog.Default()
	if err != nil {
		t.Fatalf("shipped catalog: %v", err)
	}
	return newEngineWith(t, func(c *Config) {
		c.Catalog = func() Catalog { return real }
		c.Staff = true
	})
}

// TestGoldenRealJourney writes what a returnee in Mbacké sees for each need on the shipped
// catalog, with the first details page of each list: testdata/real_journey_{fr,wo}.txt. It
// changes whenever the catalog does; read its diff with the catalog's.
func TestGoldenRealJourney(t *testing.T) {
	for _, tc := range []struct{ lang, langButton string }{{"fr", "Français"}, {"wo", "Wolof"}} {
		t.Run(tc.lang, func(t *testing.T) {
			e, st := newRealEngine(t)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:real-" + tc.lang, PlatformLang: tc.lang}}
			fmt.Fprintf(&c.out, "# real_journey_%s : catalogue livré (catalog/catalog.yaml), groupe de l'équipe configuré\n\n", tc.lang)
			c.say("/start")
			c.say("[" + tc.langButton + "]")
			c.say("[" + e.text(tc.lang, "audience_retour", nil) + "]")
			c.say("[Diourbel]")
			c.say("[Mbacké]")
			for i, n := range catalog.Needs() {
				if i > 0 {
					c.say("[" + e.text(tc.lang, "choice_more", nil) + "]")
				}
				c.say("[" + e.text(tc.lang, "need_"+string(n), nil) + "]")
				details := e.textVar(tc.lang, "choice_details", "N", "1")
				if hasButton(c.last, details) {
					c.say("[" + details + "]")
					c.say("[" + e.text(tc.lang, "choice_back", nil) + "]")
				}
			}
			testutil.Golden(t, filepath.Join("testdata", "real_journey_"+tc.lang+".txt"), c.out.String(), *update)
		})
	}
}

// TestRealCatalogEveryEntryReachable is TestEveryEntryShowsAWayToReachIt on the shipped catalog.
func TestRealCatalogEveryEntryReachable(t *testing.T) {
	checkEveryEntryReachable(t, newRealEngine)
}

// hasButton reports whether the replies show a button with this label.
func hasButton(replies []Reply, label string) bool {
	for _, r := range replies {
		for _, row := range r.Choices {
			for _, ch := range row {
				if ch.Label == label {
					return true
				}
			}
		}
	}
	return false
}
