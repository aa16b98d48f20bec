package flows

import (
	"strings"
	"testing"

	"github.com/samayoon/samayoon/catalog"
)

func TestSpellOut(t *testing.T) {
	acr := []catalog.Acronym{{Short: "ARD Diourbel", Long: "Agence régionale de développement de Diourbel"},
		{Short: "ANPEJ", Long: "Agence nationale pour la promotion de l'emploi des jeunes"}, {Short: "OIM", Long: "Organisation internationale pour les migrations"}}
	cases := []struct{ name, in, want string }{
		{"first mention only", "ANPEJ — conseil. Voir l'ANPEJ.", "ANPEJ (Agence nationale pour la promotion de l'emploi des jeunes) — conseil. Voir l'ANPEJ."},
		{"after an apostrophe, before a period", "Allez à l'ANPEJ.", "Allez à l'ANPEJ (Agence nationale pour la promotion de l'emploi des jeunes)."},
		{"multi-word acronym", "locaux de l'ARD Diourbel", "locaux de l'ARD Diourbel (Agence régionale de développement de Diourbel)"},
		{"long form already on the page", "Agence nationale pour la promotion de l'emploi des jeunes (ANPEJ)", "Agence nationale pour la promotion de l'emploi des jeunes (ANPEJ)"},
		{"inside a longer word", "ANPEJX et OIMS", "ANPEJX et OIMS"},
		{"inside a web address", "https://anpej.sn/ANPEJ/inscription", "https://anpej.sn/ANPEJ/inscription"},
		{"each acronym once", "OIM puis ANPEJ puis OIM", "OIM (Organisation internationale pour les migrations) puis ANPEJ (Agence nationale pour la promotion de l'emploi des jeunes) puis OIM"},
		{"none", "Bonjour", "Bonjour"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := spellOut(tc.in, acr); got != tc.want {
				t.Errorf("spellOut(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestOfferWithoutContact: the details of an offer that publishes no contact say so, point
// to the team when a staff group is configured, and its handoff button works from there.
func TestOfferWithoutContact(t *testing.T) {
	for _, staff := range []bool{false, true} {
		e, st := newEngineWith(t, func(c *Config) { c.Staff = staff })
		c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:9", PlatformLang: "fr"}}
		c.say("/start r-diourbel_d-mbacke_n-emploi_p-retour_l-fr")
		c.say("[ℹ️ 4]") // BAOS de votre région: no phone, address, website or e-mail
		page := c.last[len(c.last)-1]
		if !strings.Contains(page.Text, "Aucun contact n'est publié pour cette aide.") || strings.Contains(page.Text, "voir les détails") {
			t.Errorf("staff=%v: details page:\n%s", staff, page.Text)
		}
		hasButton := strings.Contains(formatReply(page), "[✉️ Écrire à notre équipe]")
		if hasButton != staff || strings.Contains(page.Text, "notre équipe") != staff {
			t.Errorf("staff=%v: team offered %v:\n%s", staff, hasButton, formatReply(page))
		}
		if staff {
			c.say("[✉️ Écrire à notre équipe]")
			if got := c.last[len(c.last)-1].Text; !strings.Contains(got, "D'accord ?") {
				t.Errorf("handoff from the details page: %q", got)
			}
		}
	}
}

// TestEveryEntryShowsAWayToReachIt runs every need in every Diourbel department and checks
// that no page sends the user to details that hold nothing, and each entry says how to reach it.
func TestEveryEntryShowsAWayToReachIt(t *testing.T) {
	checkEveryEntryReachable(t, newTestEngine)
}

// checkEveryEntryReachable is TestEveryEntryShowsAWayToReachIt on the catalog of newEngine.
func checkEveryEntryReachable(t *testing.T, newEngine func(testing.TB) (*Engine, *memStore)) {
	for _, dept := range []string{"bambey", "diourbel", "mbacke"} {
		for _, need := range catalog.Needs() {
			e, st := newEngine(t)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:8", PlatformLang: "fr"}}
			c.say("/start r-diourbel_d-" + dept + "_n-" + string(need) + "_p-retour_l-fr")
			page := c.last[len(c.last)-1].Text
			if strings.Contains(page, "voir les détails") || strings.Contains(page, "offres pour") || strings.Contains(page, "trouvé d'offre") {
				t.Errorf("%s/%s: page:\n%s", dept, need, page)
			}
			for _, entry := range strings.Split(page, "\n\n") {
				if !startsWithNumber(entry) {
					continue
				}
				lines := strings.Split(entry, "\n")
				if !isReachLine(lines[len(lines)-1]) {
					t.Errorf("%s/%s: entry without a way to reach it:\n%s", dept, need, entry)
				}
			}
		}
	}
}

// startsWithNumber reports an entry of a results list ("3. ORG — name").
func startsWithNumber(s string) bool {
	return len(s) > 2 && s[0] >= '1' && s[0] <= '9' && s[1] == '.'
}

// isReachLine reports a line that says how to reach an offer, or that nothing is published.
func isReachLine(l string) bool {
	for _, p := range []string{"📞 ", "📍 ", "🌐 ", "✉️ ", "Aucun contact publié."} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
