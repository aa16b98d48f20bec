package stats

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// ClosingSoon is how far ahead the report looks for application windows that close.
const ClosingSoon = 30 * 24 * time.Hour

// ReportInput is everything the framework's meeting report is made of.
type ReportInput struct {
	From, To time.Time
	Days     map[string]map[string]int64
	Catalog  *catalog.Catalog // nil: the catalog sections say it could not be read
	Now      time.Time
	// Subscriptions are today's alert subscribers per need × place; nil when not read.
	Subscriptions map[string]int64
}

// offerFeedback is what users said about one offer over the period.
type offerFeedback struct {
	id               string
	yes, no, reports int64
	kinds            map[string]int64
}

// WriteReport renders the Markdown report: activity, unmet demand, offers with negative
// feedback or problem reports, catalog entries to re-verify and windows closing soon.
func WriteReport(w io.Writer, in ReportInput) error {
	totals := Totals(in.Days)
	var b strings.Builder
	fmt.Fprintf(&b, "# Sama Yoon — rapport du %s au %s\n\n", in.From.Format(time.DateOnly), in.To.Format(time.DateOnly))
	b.WriteString("Chiffres anonymes : aucun nom, numéro ni message n'est enregistré.\n")
	writeActivity(&b, totals)
	writeHandoff(&b, totals)
	writeUnmet(&b, totals)
	writeAlerts(&b, totals, in.Subscriptions)
	writeFeedback(&b, in.Catalog, totals)
	writeCatalog(&b, in.Catalog, in.Now)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("stats: write report: %w", err)
	}
	return nil
}

// writeActivity sums journeys and lists needs, most asked first.
func writeActivity(b *strings.Builder, totals map[string]int64) {
	b.WriteString("\n## Fréquentation\n\n")
	fmt.Fprintf(b, "- Parcours commencés : %d\n", totals["start"])
	for _, r := range Rows(totals) {
		if r.Category == "source" && r.Value != "none" {
			fmt.Fprintf(b, "- dont venus par « %s » : %d\n", r.Value, r.Count)
		}
	}
	first := true
	for _, r := range Rows(totals) {
		if r.Category != "need" {
			continue
		}
		if first {
			b.WriteString("\n| Besoin demandé | Fois |\n|---|---:|\n")
			first = false
		}
		fmt.Fprintf(b, "| %s | %d |\n", r.Value, r.Count)
	}
}

// writeHandoff counts the requests written to the staff, how many got an answer and how soon.
func writeHandoff(b *strings.Builder, totals map[string]int64) {
	asked, answered := totals["handoff:requested"], totals["handoff:answered"]
	if asked == 0 && answered == 0 {
		return
	}
	b.WriteString("\n## Demandes à l'équipe\n\n")
	fmt.Fprintf(b, "- Demandes envoyées à l'équipe : %d\n", asked)
	fmt.Fprintf(b, "- Demandes ayant reçu une réponse : %d\n", answered)
	if asked > answered {
		fmt.Fprintf(b, "- Sans réponse de l'équipe : %d\n", asked-answered)
	}
	writeDelays(b, FirstAnswers(totals))
}

// writeUnmet lists need and place combinations that found no offer, most frequent first.
func writeUnmet(b *strings.Builder, totals map[string]int64) {
	b.WriteString("\n## Demande non couverte\n\n")
	var rows []Row
	for _, r := range Rows(totals) {
		if r.Category == "nomatch" {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		b.WriteString("Aucune recherche restée sans offre locale sur la période.\n")
		return
	}
	b.WriteString("Besoins pour lesquels le bot n'a trouvé aucune offre dans la zone de la personne :\n\n")
	b.WriteString("| Besoin | Région | Département | Fois |\n|---|---|---|---:|\n")
	for _, r := range rows {
		parts := strings.SplitN(r.Value+"::", ":", 3)
		fmt.Fprintf(b, "| %s | %s | %s | %d |\n", parts[0], parts[1], strings.TrimSuffix(parts[2], "::"), r.Count)
	}
}

// feedbackOf gathers the useful / not useful answers and problem reports per offer.
func feedbackOf(totals map[string]int64) []*offerFeedback {
	by := map[string]*offerFeedback{}
	get := func(id string) *offerFeedback {
		if by[id] == nil {
			by[id] = &offerFeedback{id: id, kinds: map[string]int64{}}
		}
		return by[id]
	}
	for f, n := range totals {
		cat, rest := split(f)
		kind, offer, ok := strings.Cut(rest, ":")
		switch {
		case !ok:
		case cat == "useful" && kind == "yes":
			get(offer).yes += n
		case cat == "useful" && kind == "no":
			get(offer).no += n
		case cat == "problem":
			o := get(offer)
			o.reports += n
			o.kinds[kind] += n
		}
	}
	var out []*offerFeedback
	for _, o := range by {
		if o.no > 0 || o.reports > 0 {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i].no+out[i].reports, out[j].no+out[j].reports
		return a > c || a == c && out[i].id < out[j].id
	})
	return out
}
