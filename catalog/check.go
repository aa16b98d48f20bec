package catalog

import (
	"fmt"
	"time"
)

// StaleAfter is how long an entry may go without being re-verified before a warning.
const StaleAfter = 180 * 24 * time.Hour

// Check returns warnings about a valid catalog at now: entries not verified for more than
// 180 days and active offers whose application window has closed. They never block loading.
func Check(c *Catalog, now time.Time) []Problem {
	var out []Problem
	warn := func(p pos, format string, args ...any) {
		out = append(out, Problem{File: c.name, Line: p.line, Col: p.col, Msg: "attention : " + fmt.Sprintf(format, args...)})
	}
	stale := func(p pos, what, id string, d Date) {
		if days := int(now.Sub(d.Time).Hours() / 24); !d.IsZero() && now.Sub(d.Time) > StaleAfter {
			warn(p, "%s « %s » n'a pas été vérifiée depuis %d jours (verified: %s) : revérifiez la source puis mettez la date du jour", what, id, days, d.Format(time.DateOnly))
		}
	}
	for i, o := range c.orgs {
		stale(c.orgLine[i], "l'organisation", o.ID, o.Verified)
	}
	for i := range c.offers {
		o := &c.offers[i]
		stale(c.offerLine[i], "l'offre", o.ID, o.Verified)
		if o.Status == "active" && !o.Window.Closes.IsZero() && now.Format(time.DateOnly) > o.Window.Closes.Format(time.DateOnly) {
			warn(c.offerLine[i], "l'appel de l'offre « %s » est clos depuis le %s : le bot ne la montre plus ; mettez à jour « window » ou passez « status » à inactive", o.ID, o.Window.Closes.Format(time.DateOnly))
		}
	}
	for i, p := range c.pages {
		stale(c.pageLine[i], "la page", p.ID, p.Verified)
	}
	sortProblems(out)
	return out
}
