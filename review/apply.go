package review

import (
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/samayoon/samayoon/catalog"
)

// Report says what an import changed, for the person who ran it.
type Report struct {
	Edited    []string // ids whose Wolof changed
	Signed    []string // ids newly marked reviewed
	Withdrawn []string // ids whose review mark was removed
	Pruned    []string // marks of texts that no longer exist, dropped
	Warnings  []string // in French: glossary findings, reviews made against an older French
	Written   []string // files written
}

// plan is what an import will write, worked out before anything is.
type plan struct {
	wo       map[string]string // id -> new Wolof
	msgMarks map[string]Mark
	catMarks map[string]Mark
	signed   map[string]bool // ids signed off by this import: their "à relire" comments go
	report   Report
	probs    []catalog.CSVProblem
}

// placeholder finds template variables such as {{.Count}}.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// plan checks every row against the texts and works out the new Wolof and marks; problems
// name the row and the column. Nothing is written here.
func (s *Set) plan(rows []Row, reviewer string, now time.Time) *plan {
	p := &plan{wo: map[string]string{}, signed: map[string]bool{},
		msgMarks: maps.Clone(s.src.msgMarks), catMarks: maps.Clone(s.src.catMarks)}
	seen := map[string]int{}
	for _, r := range rows {
		t, ok := s.Text(r.ID)
		switch {
		case r.ID == "":
			p.problem(r, "id", "id vide : gardez la colonne id de l'export")
			continue
		case !ok:
			p.problem(r, "id", fmt.Sprintf("texte inconnu « %s » : gardez la colonne id de l'export (le texte a peut-être été supprimé depuis)", r.ID))
			continue
		case seen[r.ID] > 0:
			p.problem(r, "id", fmt.Sprintf("le texte « %s » apparaît deux fois (déjà ligne %d)", r.ID, seen[r.ID]))
			continue
		}
		seen[r.ID] = r.Line
		if r.bad != "" {
			p.problem(r, "statut", r.bad)
			continue
		}
		if msg := checkWolof(t, r); msg != "" {
			p.problem(r, "wolof", msg)
			continue
		}
		p.apply(t, r, reviewer, now)
	}
	for _, id := range s.Orphans {
		delete(p.msgMarks, id)
		delete(p.catMarks, id)
		p.report.Pruned = append(p.report.Pruned, id)
	}
	return p
}

// problem records what is wrong with a row's cell.
func (p *plan) problem(r Row, col, msg string) {
	p.probs = append(p.probs, catalog.CSVProblem{Row: r.Line, Column: r.column(col), Msg: msg})
}

// checkWolof returns what is wrong with a row's Wolof, in French, or "".
func checkWolof(t Text, r Row) string {
	wo := normalize(r.Wo)
	switch {
	case wo == "" && t.Wo != "":
		return "cellule vide : le wolof ne peut pas être effacé ici ; remettez le texte de l'export"
	case wo == "" && r.Intent == wantReviewed:
		return "statut « relu » sans texte wolof : écrivez le wolof, ou laissez le statut « manquant »"
	}
	for _, c := range wo {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return fmt.Sprintf("caractère de contrôle U+%04X : retapez le texte", c)
		}
	}
	if t.Catalog() || wo == "" {
		return ""
	}
	if strings.Contains(wo, "\n") && !strings.Contains(t.Fr, "\n") {
		return "retour à la ligne : ce message tient sur une ligne, comme le français"
	}
	if want, got := vars(t.Fr), vars(wo); want != got {
		return fmt.Sprintf("variables %s attendues comme dans le français (trouvé : %s) : recopiez-les telles quelles", orNone(want), orNone(got))
	}
	if _, err := template.New(t.ID).Parse(wo); err != nil {
		return "accolades {{…}} mal formées : recopiez les variables du français telles quelles"
	}
	return ""
}

// vars lists the template variables of a message, sorted and deduplicated.
func vars(s string) string {
	seen := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		seen["{{."+m[1]+"}}"] = true
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// orNone writes an empty list as "aucune".
func orNone(s string) string {
	if s == "" {
		return "aucune"
	}
	return s
}

// apply works out one valid row: the Wolof edit, then the mark the row's status asks for.
func (p *plan) apply(t Text, r Row, reviewer string, now time.Time) {
	marks := p.msgMarks
	if t.Catalog() {
		marks = p.catMarks
	}
	wo, m := normalize(r.Wo), marks[t.ID]
	changed := wo != normalize(t.Wo)
	if changed {
		p.wo[t.ID] = wo
		p.report.Edited = append(p.report.Edited, t.ID)
	}
	switch {
	case r.Intent == wantReviewed && (changed || t.Status != Reviewed):
		fr := t.FrHash
		if rf := normalize(r.Fr); rf != "" && rf != normalize(t.Fr) {
			fr = Hash(rf) // reviewed against an older French: recorded, and shown as "à revoir"
			p.report.Warnings = append(p.report.Warnings, fmt.Sprintf("ligne %d, %s : le français a changé depuis l'export ; la relecture est enregistrée mais le texte reste « à revoir »", r.Line, t.ID))
		}
		m.Reviewer, m.Date, m.Fr, m.Wo = reviewer, now.Format(time.DateOnly), fr, Hash(wo)
		p.signed[t.ID] = true
		p.report.Signed = append(p.report.Signed, t.ID)
	case m.Reviewed() && (changed || r.Intent == wantUnreviewed):
		m.Reviewer, m.Date, m.Fr, m.Wo = "", "", "", ""
		p.report.Withdrawn = append(p.report.Withdrawn, t.ID)
	}
	if r.hasNotes {
		m.Notes = normalize(r.Notes)
	}
	if m == (Mark{}) {
		delete(marks, t.ID)
		return
	}
	marks[t.ID] = m
}
