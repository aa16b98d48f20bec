// Package stats prints Sama Yoon's anonymous daily counters for staff (`samayoon stats`) and
// renders the Markdown report for the migration coordination framework (`samayoon report`).
package stats

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Reader reads the counters of every day from..to; *store.Stats implements it.
type Reader interface {
	Days(ctx context.Context, from, to time.Time) (map[string]map[string]int64, error)
}

// Row is one counter: its category (the field's first part), the rest and the count.
type Row struct {
	Day      string // "" when summed over a period
	Category string // e.g. "need", "shown", "nomatch"
	Value    string // e.g. "emploi", "anpej-emploi", "papiers:diourbel:mbacke"
	Count    int64
}

// split cuts a stored field such as "need:emploi" into category and value.
func split(field string) (string, string) {
	cat, val, _ := strings.Cut(field, ":")
	return cat, val
}

// Totals sums the counters over all days, per field.
func Totals(days map[string]map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for _, fields := range days {
		for f, n := range fields {
			out[f] += n
		}
	}
	return out
}

// Rows lists summed counters sorted by category, then by count (highest first), then value.
func Rows(totals map[string]int64) []Row {
	var out []Row
	for f, n := range totals {
		c, v := split(f)
		out = append(out, Row{Category: c, Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Value < b.Value
	})
	return out
}

// WriteCSV writes one line per day and field (date,category,value,count), for spreadsheets.
func WriteCSV(w io.Writer, days map[string]map[string]int64) error {
	var names []string
	for d := range days {
		names = append(names, d)
	}
	sort.Strings(names)
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "category", "value", "count"}); err != nil {
		return fmt.Errorf("stats: write csv: %w", err)
	}
	for _, d := range names {
		for _, r := range Rows(days[d]) {
			if err := cw.Write([]string{d, r.Category, r.Value, strconv.FormatInt(r.Count, 10)}); err != nil {
				return fmt.Errorf("stats: write csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats: write csv: %w", err)
	}
	return nil
}

// categoryTitles names each category for staff, in French, in the order printed.
func categoryTitles() [][2]string {
	return [][2]string{
		{"start", "Parcours commencés"}, {"source", "Par affiche ou lien (source)"}, {"lang", "Langue"},
		{"profile", "Profil"}, {"region", "Région"}, {"dept", "Département"}, {"need", "Besoin"},
		{"shown", "Offres montrées"}, {"details", "Offres ouvertes en détail"},
		{"nomatch", "Sans réponse (besoin:région:département)"}, {"useful", "Utile ? (oui|non:offre)"},
		{"problem", "Signalements (problème:offre)"},
		{"handoff", "Demandes à l'équipe (envoyées, avec réponse, closes)"},
	}
}

// titles are the category titles of stats, alerts included.
func titles() [][2]string { return append(categoryTitles(), alertTitles()...) }

// WriteMarkdown writes the summed counters as one Markdown table per category.
func WriteMarkdown(w io.Writer, from, to time.Time, days map[string]map[string]int64) error {
	totals := Totals(days)
	var rows []Row
	for _, r := range Rows(totals) {
		if !isDelay(r) {
			rows = append(rows, r)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Statistiques Sama Yoon du %s au %s\n\n", from.Format(time.DateOnly), to.Format(time.DateOnly))
	fmt.Fprintf(&b, "Compteurs anonymes (%d jour(s) avec activité).\n", len(days))
	seen := map[string]bool{}
	for _, ct := range titles() {
		seen[ct[0]] = true
		writeTable(&b, ct[1], rows, ct[0])
		if ct[0] == "handoff" {
			writeDelays(&b, FirstAnswers(totals))
		}
	}
	for _, r := range rows {
		if !seen[r.Category] {
			seen[r.Category] = true
			writeTable(&b, r.Category, rows, r.Category)
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("stats: write markdown: %w", err)
	}
	return nil
}

// writeTable writes the rows of one category; nothing when it has none.
func writeTable(b *strings.Builder, title string, rows []Row, category string) {
	first := true
	for _, r := range rows {
		if r.Category != category {
			continue
		}
		if first {
			fmt.Fprintf(b, "\n## %s\n\n| Valeur | Nombre |\n|---|---:|\n", title)
			first = false
		}
		fmt.Fprintf(b, "| %s | %d |\n", orTotal(r.Value), r.Count)
	}
}

// orTotal names the value of a category without values (e.g. "start").
func orTotal(v string) string {
	if v == "" {
		return "total"
	}
	return v
}
