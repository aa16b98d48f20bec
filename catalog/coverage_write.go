package catalog

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// NeedLabel is a need's short French name for staff tables.
func NeedLabel(n Need) string {
	switch n {
	case NeedJob:
		return "Emploi"
	case NeedTraining:
		return "Formation"
	case NeedFinance:
		return "Financement"
	case NeedHealth:
		return "Santé"
	case NeedPapers:
		return "Papiers"
	case NeedMigration:
		return "Migration"
	case NeedTalk:
		return "Parler"
	}
	return string(n)
}

// CoverageLegend explains a Markdown cell to staff, once under the table.
const CoverageLegend = "Chaque case : **joignables**/montrées (dont locales) · sans aucun contact · sans wolof. " +
	"« Joignable » : un téléphone, une adresse ou un site web. « Locale » : pas une aide nationale. " +
	"⚠️ : aucune aide joignable dans la case."

// WriteCoverageMarkdown writes the matrix as a Markdown table followed by its legend.
func WriteCoverageMarkdown(w io.Writer, cov Coverage) error {
	var b strings.Builder
	b.WriteString("| Lieu |")
	for _, n := range cov.Needs {
		b.WriteString(" " + NeedLabel(n) + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(cov.Needs)) + "\n")
	for _, r := range cov.Rows {
		b.WriteString("| " + rowLabel(r) + " |")
		for _, c := range r.Cells {
			b.WriteString(" " + cellMarkdown(c) + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + CoverageLegend + "\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("coverage: write markdown: %w", err)
	}
	return nil
}

// rowLabel names a row: "Mbacké (Diourbel)" for a department, the region's name otherwise.
func rowLabel(r CoverageRow) string {
	if r.Department == "" {
		return r.Name
	}
	reg, _ := RegionByID(r.Region)
	return r.Name + " (" + reg.Name + ")"
}

// cellMarkdown is "**2**/3 (1) · 1 · 1", with a warning sign when the cell is empty.
func cellMarkdown(c CoverageCell) string {
	s := fmt.Sprintf("**%d**/%d (%d) · %d · %d", c.Actionable, c.Offers, c.Local, c.NoContact, c.NoWolof)
	if c.Empty() {
		s += " ⚠️"
	}
	return s
}

// coverageHeader is the CSV header: one line per place and need.
func coverageHeader() []string {
	return []string{"region", "department", "place", "need", "offers", "actionable", "local", "no_contact", "no_wolof"}
}

// WriteCoverageCSV writes one line per place and need, for spreadsheets.
func WriteCoverageCSV(w io.Writer, cov Coverage) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(coverageHeader()); err != nil {
		return fmt.Errorf("coverage: write csv: %w", err)
	}
	for _, r := range cov.Rows {
		for i, c := range r.Cells {
			rec := []string{r.Region, r.Department, r.Name, string(cov.Needs[i])}
			for _, n := range []int{c.Offers, c.Actionable, c.Local, c.NoContact, c.NoWolof} {
				rec = append(rec, strconv.Itoa(n))
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("coverage: write csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("coverage: write csv: %w", err)
	}
	return nil
}
