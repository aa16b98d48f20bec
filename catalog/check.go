package catalog

import (
	"fmt"
	"strings"
	"time"
)

// StaleAfter is how long an entry may go without being re-verified before a warning.
const StaleAfter = 180 * 24 * time.Hour

// Check returns warnings about a valid catalog at now; they never block loading: entries not
// verified for more than 180 days or dated in the future, closed application windows, active
// offers nobody can reach, http:// sources, French without Wolof, and Diourbel department ×
// need cells with no offer a person can act on.
func Check(c *Catalog, now time.Time) []Problem {
	w := &warner{c: c, now: now}
	for i := range c.orgs {
		o := &c.orgs[i]
		w.dated(c.orgLine[i], "l'organisation", o.ID, o.Verified)
		w.plainHTTP(c.orgLine[i], "l'organisation", o.ID, o.Sources)
	}
	for i := range c.offers {
		w.offer(c.offerLine[i], &c.offers[i])
	}
	for i, p := range c.pages {
		w.dated(c.pageLine[i], "la page", p.ID, p.Verified)
		w.plainHTTP(c.pageLine[i], "la page", p.ID, p.Sources)
		w.wolof(c.pageLine[i], "la page", p.ID, missingWolofPage(p))
	}
	w.emptyCells()
	sortProblems(w.out)
	return w.out
}

// warner collects the warnings of one Check.
type warner struct {
	c   *Catalog
	now time.Time
	out []Problem
}

// warn records a warning at p.
func (w *warner) warn(p pos, format string, args ...any) {
	w.out = append(w.out, Problem{File: w.c.name, Line: p.line, Col: p.col, Msg: "attention : " + fmt.Sprintf(format, args...)})
}

// offer checks one offer.
func (w *warner) offer(p pos, o *Offer) {
	w.dated(p, "l'offre", o.ID, o.Verified)
	w.plainHTTP(p, "l'offre", o.ID, o.Sources)
	if o.Status != "active" {
		return
	}
	if !o.Window.Closes.IsZero() && dayNum(w.now) > dayNum(o.Window.Closes.Time) {
		w.warn(p, "l'appel de l'offre « %s » est clos depuis le %s : le bot ne la montre plus ; mettez à jour « window » ou passez « status » à inactive", o.ID, o.Window.Closes.Format(time.DateOnly))
	}
	if !o.Actionable(w.c.org(o.Org)) {
		w.warn(p, "l'offre active « %s » n'a aucun moyen d'être jointe : ni téléphone (de l'offre ou de son organisation), ni bureau avec adresse (locations, address), ni site web ; ajoutez-en un tiré d'une source publique", o.ID)
	}
	w.wolof(p, "l'offre", o.ID, o.MissingWolof())
}

// dated warns about a verified date too old to trust, or one in the future.
func (w *warner) dated(p pos, what, id string, d Date) {
	if d.IsZero() {
		return
	}
	if dayNum(d.Time) > dayNum(w.now) {
		w.warn(p, "%s « %s » est datée dans le futur (verified: %s) : mettez la date où vous avez relu la source, au plus aujourd'hui", what, id, d.Format(time.DateOnly))
		return
	}
	if age := w.now.Sub(d.Time); age > StaleAfter {
		w.warn(p, "%s « %s » n'a pas été vérifiée depuis %d jours (verified: %s) : revérifiez la source puis mettez la date du jour", what, id, int(age.Hours()/24), d.Format(time.DateOnly))
	}
}

// plainHTTP warns about sources read over unencrypted http://.
func (w *warner) plainHTTP(p pos, what, id string, sources []string) {
	for _, s := range sources {
		if strings.HasPrefix(strings.ToLower(s), "http://") {
			w.warn(p, "%s « %s » a une source en http:// (%s) : vérifiez si la page existe en https:// et écrivez cette adresse", what, id, s)
		}
	}
}

// wolof warns about user-facing fields written in French but not in Wolof.
func (w *warner) wolof(p pos, what, id string, fields []string) {
	if len(fields) > 0 {
		w.warn(p, "%s « %s » a du français sans wolof dans : %s ; les lecteurs en wolof verront le français (ajoutez wo, à faire relire)", what, id, strings.Join(fields, ", "))
	}
}

// emptyCells warns, once per focus-region department, about the needs nobody there can act on.
func (w *warner) emptyCells() {
	cov := w.c.Coverage(w.now)
	for _, r := range cov.Rows {
		var empty []string
		for i, cell := range r.Cells {
			if r.Department != "" && cell.Empty() {
				empty = append(empty, string(cov.Needs[i]))
			}
		}
		if len(empty) > 0 {
			w.warn(pos{1, 1}, "aucune aide joignable (téléphone, adresse ou site web) dans le département de %s pour : %s ; ajoutez une offre active pour chacun de ces besoins (voir samayoon catalog coverage)", r.Name, strings.Join(empty, ", "))
		}
	}
}
