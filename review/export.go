package review

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
)

// bom starts every CSV export: Excel reads a CSV file as UTF-8 only when it starts with one.
const bom = "\ufeff"

// Columns is the CSV header, in French for reviewers; import reads it back by name.
func Columns() []string {
	return []string{"id", "affichage", "français", "wolof", "statut", "relecteur", "date", "notes"}
}

// NeedsReview keeps what still needs a reviewer: missing, unreviewed and stale texts.
func NeedsReview(t Text) bool { return t.Status != Reviewed }

// ExportCSV writes one row per text, UTF-8 with a byte-order mark; sep is ';' (what Excel
// set to French expects on a double click) or ','.
func ExportCSV(w io.Writer, texts []Text, sep rune) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("review: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true // what spreadsheets write themselves
	if err := cw.Write(Columns()); err != nil {
		return fmt.Errorf("review: csv: %w", err)
	}
	for _, t := range texts {
		rec := []string{t.ID, t.Where, t.Fr, t.Wo, string(t.Status), t.Mark.Reviewer, t.Mark.Date, t.Mark.Notes}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("review: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review: csv: %w", err)
	}
	return nil
}

// xliffDoc is an XLIFF 1.2 document, the version every common CAT tool reads.
type xliffDoc struct {
	XMLName xml.Name  `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string    `xml:"version,attr"`
	File    xliffFile `xml:"file"`
}

// xliffFile is the one <file> of an export.
type xliffFile struct {
	Original string      `xml:"original,attr"`
	Source   string      `xml:"source-language,attr"`
	Target   string      `xml:"target-language,attr"`
	Datatype string      `xml:"datatype,attr"`
	Units    []xliffUnit `xml:"body>trans-unit"`
}

// xliffUnit is one text: approved="yes" is XLIFF's own "reviewed" flag.
type xliffUnit struct {
	ID       string      `xml:"id,attr"`
	Approved string      `xml:"approved,attr,omitempty"`
	Space    string      `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Source   string      `xml:"source"`
	Target   xliffTarget `xml:"target"`
	Notes    []xliffNote `xml:"note"`
}

// xliffTarget is the Wolof with its XLIFF state.
type xliffTarget struct {
	State string `xml:"state,attr,omitempty"`
	Text  string `xml:",chardata"`
}

// xliffNote is a note; from says which: "where", "review" (read only) or "notes" (editable).
type xliffNote struct {
	From string `xml:"from,attr,omitempty"`
	Text string `xml:",chardata"`
}

// xliffState maps a status to XLIFF 1.2's target states.
func xliffState(s Status) string {
	switch s {
	case Missing:
		return "needs-translation"
	case Reviewed:
		return "signed-off"
	case Stale:
		return "needs-review-translation"
	}
	return "translated"
}

// ExportXLIFF writes the texts as XLIFF 1.2 (French source, Wolof target) for CAT tools.
func ExportXLIFF(w io.Writer, texts []Text) error {
	doc := xliffDoc{Version: "1.2", File: xliffFile{Original: "samayoon", Source: "fr", Target: "wo", Datatype: "plaintext"}}
	for _, t := range texts {
		u := xliffUnit{ID: t.ID, Approved: "no", Space: "preserve", Source: t.Fr,
			Target: xliffTarget{State: xliffState(t.Status), Text: t.Wo},
			Notes:  []xliffNote{{From: "where", Text: t.Where}}}
		if t.Status == Reviewed {
			u.Approved = "yes"
		}
		if t.Mark.Reviewed() {
			u.Notes = append(u.Notes, xliffNote{From: "review", Text: fmt.Sprintf("%s : %s, %s", t.Status, t.Mark.Reviewer, t.Mark.Date)})
		}
		if t.Mark.Notes != "" {
			u.Notes = append(u.Notes, xliffNote{From: "notes", Text: t.Mark.Notes})
		}
		doc.File.Units = append(doc.File.Units, u)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("review: xliff: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("review: xliff: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
