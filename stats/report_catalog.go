package stats

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// problemLabels are the French names of the problem kinds users report.
func problemLabels() map[string]string {
	return map[string]string{"noanswer": "ne répond pas", "closed": "bureau fermé", "wrong": "information fausse"}
}

// writeFeedback lists offers users found not useful or reported a problem with.
func writeFeedback(b *strings.Builder, cat *catalog.Catalog, totals map[string]int64) {
	b.WriteString("\n## Offres à vérifier d'après les utilisateurs\n\n")
	rows := feedbackOf(totals)
	if len(rows) == 0 {
		b.WriteString("Aucun retour négatif ni signalement sur la période.\n")
		return
	}
	b.WriteString("| Offre | Utile | Pas utile | Signalements |\n|---|---:|---:|---|\n")
	labels := problemLabels()
	for _, o := range rows {
		var kinds []string
		for k, n := range o.kinds {
			label := labels[k]
			if label == "" {
				label = k
			}
			kinds = append(kinds, fmt.Sprintf("%s : %d", label, n))
		}
		sort.Strings(kinds)
		fmt.Fprintf(b, "| %s | %d | %d | %s |\n", offerLabel(cat, o.id), o.yes, o.no, strings.Join(kinds, ", "))
	}
}

// offerLabel is "name (id)" when the catalog still has the offer, else the id alone; feedback
// on a whole results page is named after its need.
func offerLabel(cat *catalog.Catalog, id string) string {
	if need, ok := strings.CutPrefix(id, "results-"); ok {
		return "page de résultats « " + need + " »"
	}
	if cat != nil {
		if o, _, ok := cat.Offer(id); ok {
			if name, _ := o.Name.In("fr"); name != "" {
				return name + " (`" + id + "`)"
			}
		}
	}
	return "`" + id + "`"
}

// writeCatalog lists the catalog's warnings (Wolof gaps only counted), the coverage matrix
// and the application windows that close within ClosingSoon.
func writeCatalog(b *strings.Builder, cat *catalog.Catalog, now time.Time) {
	b.WriteString("\n## Catalogue\n\n")
	if cat == nil {
		b.WriteString("Le catalogue n'a pas pu être lu : lancez `samayoon catalog check`.\n")
		return
	}
	writeWarnings(b, catalog.Check(cat, now))
	b.WriteString("\n### Couverture : aides joignables par lieu et besoin\n\n")
	if err := catalog.WriteCoverageMarkdown(b, cat.Coverage(now)); err != nil {
		fmt.Fprintf(b, "Tableau indisponible : %v\n", err) // a strings.Builder never fails; kept for the contract
	}
	b.WriteString("\n### Appels qui ferment dans les 30 jours\n\n")
	soon := closingSoon(cat, now)
	if len(soon) == 0 {
		b.WriteString("Aucun.\n")
	}
	for _, o := range soon {
		fmt.Fprintf(b, "- %s : clôture le %s\n", offerLabel(cat, o.ID), o.Window.Closes.Format(time.DateOnly))
	}
}

// writeWarnings lists the catalog warnings by line; the many "French without Wolof" ones
// are only counted, since `samayoon catalog check` details them.
func writeWarnings(b *strings.Builder, problems []catalog.Problem) {
	wolof := 0
	for _, p := range problems {
		if strings.Contains(p.Msg, "sans wolof") {
			wolof++
			continue
		}
		fmt.Fprintf(b, "- ligne %d : %s\n", p.Line, p.Msg)
	}
	if wolof > 0 {
		fmt.Fprintf(b, "- %d entrée(s) ont du français sans wolof (détail : `samayoon catalog check`).\n", wolof)
	}
	if len(problems) == 0 {
		b.WriteString("Aucun avertissement : entrées vérifiées il y a moins de 180 jours, joignables, traduites.\n")
	}
}

// closingSoon lists active offers whose window closes between today and now+ClosingSoon.
func closingSoon(cat *catalog.Catalog, now time.Time) []catalog.Offer {
	today, limit := now.Format(time.DateOnly), now.Add(ClosingSoon).Format(time.DateOnly)
	var out []catalog.Offer
	for _, o := range cat.Offers() {
		if o.Status != "active" || o.Window.Closes.IsZero() {
			continue
		}
		if c := o.Window.Closes.Format(time.DateOnly); c >= today && c <= limit {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Window.Closes.Format(time.DateOnly) < out[j].Window.Closes.Format(time.DateOnly)
	})
	return out
}
