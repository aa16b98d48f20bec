package web

import (
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/stats"
)

// maxPeriod bounds a date range, as `samayoon stats` does.
const maxPeriod = 3 * 366 * 24 * time.Hour

// period is the date range of the figures and the report.
type period struct {
	From, To time.Time
	Error    string
}

// FromS and ToS are the dates as the form writes them.
func (p period) FromS() string { return p.From.Format(time.DateOnly) }

// ToS is the last day as AAAA-MM-JJ.
func (p period) ToS() string { return p.To.Format(time.DateOnly) }

// periodOf reads ?du=&au= (default: the last 30 days), with a French error when wrong.
func periodOf(r *http.Request, now time.Time) period {
	p := period{To: now.UTC().Truncate(24 * time.Hour)}
	p.From = p.To.AddDate(0, 0, 1-stats.DefaultPeriod)
	q := r.URL.Query()
	var err error
	if v := q.Get("au"); v != "" {
		if p.To, err = time.Parse(time.DateOnly, v); err != nil {
			return period{From: p.From, To: now.UTC().Truncate(24 * time.Hour), Error: "Date de fin invalide : écrivez-la AAAA-MM-JJ."}
		}
		p.From = p.To.AddDate(0, 0, 1-stats.DefaultPeriod)
	}
	if v := q.Get("du"); v != "" {
		if p.From, err = time.Parse(time.DateOnly, v); err != nil {
			return period{From: p.To.AddDate(0, 0, 1-stats.DefaultPeriod), To: p.To, Error: "Date de début invalide : écrivez-la AAAA-MM-JJ."}
		}
	}
	switch {
	case p.From.After(p.To):
		p.Error, p.From = "La date de début est après la date de fin.", p.To
	case p.To.Sub(p.From) > maxPeriod:
		p.Error, p.From = "Période trop longue : 3 ans au plus.", p.To.AddDate(-3, 0, 0)
	}
	return p
}

// chart is one figure: its SVG and the table under it.
type chart struct {
	ID, Title, Note string
	SVG             template.HTML
	Head            []string
	Rows            [][]string
}

// figuresData fills the figures page.
type figuresData struct {
	Period  period
	Charts  []chart
	NoStats string
}

// figures shows the anonymous counters as charts with their tables.
func (s *Server) figures(w http.ResponseWriter, r *http.Request, who *staff) {
	p := periodOf(r, s.cfg.Now())
	d := figuresData{Period: p}
	days, err := s.days(r, p)
	if err != nil {
		d.NoStats = err.Error()
	} else {
		d.Charts = charts(days, p, s.offerNames())
	}
	s.render(w, http.StatusOK, "figures", view{Title: "Chiffres", Nav: "chiffres", Who: who, Data: d})
}

// errNoStats is shown when the workspace has no counters to read.
type errNoStats string

func (e errNoStats) Error() string { return string(e) }

// days reads the counters of a period.
func (s *Server) days(r *http.Request, p period) (map[string]map[string]int64, error) {
	if s.cfg.Stats == nil {
		return nil, errNoStats("Les statistiques ne sont pas disponibles ici (pas de Redis du bot).")
	}
	days, err := s.cfg.Stats.Days(r.Context(), p.From, p.To)
	if err != nil {
		s.log.Error("reading statistics", "err", err)
		return nil, errNoStats("Les statistiques ne peuvent pas être lues pour le moment (Redis injoignable).")
	}
	return days, nil
}

// offerNames maps offer ids to their French names, for labels.
func (s *Server) offerNames() map[string]string {
	out := map[string]string{}
	if c, err := catalog.Load(s.cfg.CatalogFile); err == nil {
		for _, o := range c.Offers() {
			out[o.ID] = o.Name.Fr
		}
	}
	return out
}

// charts builds every figure the counters allow.
func charts(days map[string]map[string]int64, p period, names map[string]string) []chart {
	totals := stats.Totals(days)
	return []chart{journeysChart(days, p), unmetChart(totals), shownChart(totals, names), feedbackChart(totals, names), handoffChart(totals),
		delayChart(totals)}
}

// journeysChart counts journeys started per day of the period.
func journeysChart(days map[string]map[string]int64, p period) chart {
	c := chart{ID: "parcours", Title: "Parcours commencés par jour", Head: []string{"Jour", "Parcours"}}
	var bars []bar
	for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		n := days[day]["start"]
		bars = append(bars, bar{Label: day, Value: n})
		if n > 0 {
			c.Rows = append(c.Rows, []string{day, itoa(n)})
		}
	}
	c.SVG = vbars(c.Title, bars)
	return c
}

// unmetChart is the need × place heat map of searches that found no offer.
func unmetChart(totals map[string]int64) chart {
	c := chart{ID: "non-couvert", Title: "Demande non couverte : besoin × lieu", Head: []string{"Besoin", "Lieu", "Fois"},
		Note: "Recherches pour lesquelles le bot n'a trouvé aucune offre dans la zone de la personne."}
	var cells []heatCell
	colSet := map[string]bool{}
	for _, row := range stats.Rows(totals) {
		if row.Category != "nomatch" {
			continue
		}
		parts := strings.SplitN(row.Value, ":", 3)
		need, place := parts[0], ""
		if len(parts) > 1 {
			place = strings.Trim(strings.Join(parts[1:], " / "), " /")
		}
		place = firstNonEmpty(place, "(lieu non donné)")
		cells = append(cells, heatCell{need, place, row.Count})
		colSet[place] = true
		c.Rows = append(c.Rows, []string{need, place, itoa(row.Count)})
	}
	var needs, cols []string
	for _, n := range catalog.Needs() {
		needs = append(needs, string(n))
	}
	for k := range colSet {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	c.SVG = heatmap(c.Title, needs, cols, cells)
	return c
}

// shownChart ranks the offers shown in results, with how often their details were opened.
func shownChart(totals map[string]int64, names map[string]string) chart {
	c := chart{ID: "offres", Title: "Offres les plus montrées", Head: []string{"Offre", "Montrée", "Détails ouverts"}}
	var bars []bar
	for _, row := range stats.Rows(totals) {
		if row.Category == "shown" && len(bars) < 15 {
			bars = append(bars, bar{Label: row.Value, Value: row.Count})
			c.Rows = append(c.Rows, []string{labelOf(row.Value, names), itoa(row.Count), itoa(totals["details:"+row.Value])})
		}
	}
	c.SVG = hbars(c.Title, bars)
	return c
}

// feedbackChart shows per offer the useful / not useful answers and the problem reports.
func feedbackChart(totals map[string]int64, names map[string]string) chart {
	c := chart{ID: "avis", Title: "Avis et signalements par offre", Note: "Vert : utile ; rouge : pas utile ; orange : signalements.",
		Head: []string{"Offre", "Utile", "Pas utile", "Signalements", "dont (type : nombre)"}}
	type fb struct {
		yes, no, rep int64
		kinds        []string
	}
	by := map[string]*fb{}
	get := func(id string) *fb {
		if by[id] == nil {
			by[id] = &fb{}
		}
		return by[id]
	}
	for _, row := range stats.Rows(totals) {
		kind, offer, ok := strings.Cut(row.Value, ":")
		switch {
		case !ok:
		case row.Category == "useful" && kind == "yes":
			get(offer).yes += row.Count
		case row.Category == "useful" && kind == "no":
			get(offer).no += row.Count
		case row.Category == "problem":
			f := get(offer)
			f.rep += row.Count
			f.kinds = append(f.kinds, kind+" : "+itoa(row.Count))
		}
	}
	ids := make([]string, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := by[ids[i]], by[ids[j]]
		return a.no+a.rep > b.no+b.rep || a.no+a.rep == b.no+b.rep && ids[i] < ids[j]
	})
	var bars []bar
	for _, id := range ids {
		f := by[id]
		bars = append(bars, bar{Label: id, Value: f.yes + f.no + f.rep, Parts: []int64{f.yes, f.no, f.rep}})
		c.Rows = append(c.Rows, []string{labelOf(id, names), itoa(f.yes), itoa(f.no), itoa(f.rep), strings.Join(f.kinds, ", ")})
	}
	c.SVG = hbars(c.Title, bars)
	return c
}

// handoffChart counts the requests written to the staff and what became of them.
func handoffChart(totals map[string]int64) chart {
	c := chart{ID: "equipe", Title: "Demandes à l'équipe", Head: []string{"", "Nombre"}}
	bars := []bar{{Label: "envoyées", Value: totals["handoff:requested"]}, {Label: "avec réponse", Value: totals["handoff:answered"]}, {Label: "closes", Value: totals["handoff:closed"]}}
	for _, b := range bars {
		c.Rows = append(c.Rows, []string{b.Label, itoa(b.Value)})
	}
	c.SVG = hbars(c.Title, bars)
	return c
}

// delayChart shows how long users waited for the staff's first answer, shortest first.
func delayChart(totals map[string]int64) chart {
	c := chart{ID: "delai", Title: "Délai avant la première réponse de l'équipe", Head: []string{"Délai", "Demandes"},
		Note: "Temps entre l'envoi de la demande et la première réponse de l'équipe, compté une fois par demande."}
	var bars []bar
	for _, d := range stats.FirstAnswers(totals) {
		bars = append(bars, bar{Label: d.Label, Value: d.Count})
		c.Rows = append(c.Rows, []string{d.Label, itoa(d.Count)})
	}
	c.SVG = vbars(c.Title, bars)
	return c
}

// labelOf names an offer by its id and, when known, its name.
func labelOf(id string, names map[string]string) string {
	if n := names[id]; n != "" {
		return id + " — " + n
	}
	return id
}

// itoa formats a count.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
