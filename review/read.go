package review

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// intent is what a row asks for the review mark.
type intent int

const (
	wantUnreviewed intent = iota // "à relire": no mark (withdraws one)
	wantReviewed                 // "relu": the reviewer signs the text off
	keepMark                     // "à revoir" or "manquant": leave the mark as it is
)

// Row is one text of an imported file.
type Row struct {
	Line     int // spreadsheet row (the header is row 1), or line of the XLIFF unit
	ID, Fr   string
	Wo       string
	Intent   intent
	Notes    string
	col      map[string]string // our column name -> the name the file used, for messages
	hasNotes bool
	bad      string // what is wrong with the status cell, reported with the other problems
}

// column names a column as the file did, for problems.
func (r Row) column(name string) string {
	if c, ok := r.col[name]; ok {
		return c
	}
	return name
}

// ReadFile reads an exported file edited by a reviewer: XLIFF when it starts like XML,
// CSV otherwise (separator ';', ',' or tab, read from the header).
func ReadFile(data []byte) ([]Row, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		return nil, &catalog.CSVError{Problems: []catalog.CSVProblem{{Msg: "le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » (Excel) ou « Texte CSV, Unicode (UTF-8) » (LibreOffice)"}}}
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
		return readXLIFF(data)
	}
	return readCSV(data)
}

// fold lower-cases and strips accents, so "Français", "francais" and "FRANÇAIS" match.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// readCSV reads the rows of a CSV export; unknown columns are ignored (reviewers may add one).
func readCSV(data []byte) ([]Row, error) {
	cr := csvReader(data)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("csv : en-tête illisible : %w", err)
	}
	idx, col := map[string]int{}, map[string]string{}
	for i, h := range header {
		idx[fold(h)], col[fold(h)] = i, h
	}
	var probs []catalog.CSVProblem
	for _, need := range []string{"id", "wolof", "statut"} {
		if _, ok := idx[need]; !ok {
			probs = append(probs, catalog.CSVProblem{Row: 1, Column: need, Msg: "colonne absente : gardez l'en-tête écrit par l'export"})
		}
	}
	if len(probs) > 0 {
		return nil, &catalog.CSVError{Problems: probs}
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("csv ligne %d : %w", line, err)
		}
		cell := func(name string) (string, bool) {
			i, ok := idx[name]
			if !ok || i >= len(rec) {
				return "", ok
			}
			return rec[i], true
		}
		id, _ := cell("id")
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank line left by the spreadsheet
		}
		r := Row{Line: line, ID: strings.TrimSpace(id), col: map[string]string{"id": col["id"], "wolof": col["wolof"], "statut": col["statut"], "notes": col["notes"]}}
		r.Fr, _ = cell("francais")
		r.Wo, _ = cell("wolof")
		r.Notes, r.hasNotes = cell("notes")
		st, _ := cell("statut")
		in, ok := parseStatus(st)
		if !ok {
			r.bad = fmt.Sprintf("statut « %s » inconnu : écrivez relu, à relire ou à revoir", st)
		}
		r.Intent = in
		rows = append(rows, r)
	}
	return rows, nil
}

// csvReader reads a CSV file with the separator its header uses: ';', ',' or a tab.
func csvReader(data []byte) *csv.Reader {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	switch {
	case bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")):
		cr.Comma = ';'
	case bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")):
		cr.Comma = '\t'
	}
	return cr
}

// parseStatus reads a status cell; case, accents and the English words do not matter.
func parseStatus(s string) (intent, bool) {
	switch fold(s) {
	case "relu", "reviewed", "ok", "valide", "signed-off":
		return wantReviewed, true
	case "a relire", "unreviewed", "", "non relu":
		return wantUnreviewed, true
	case "a revoir", "stale", "manquant", "missing":
		return keepMark, true
	}
	return wantUnreviewed, false
}

// readXLIFF reads the units of an XLIFF 1.2 export, with the line each starts on.
func readXLIFF(data []byte) ([]Row, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var rows []Row
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, &catalog.CSVError{Problems: []catalog.CSVProblem{{Row: line, Msg: "XLIFF illisible : " + err.Error()}}}
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "trans-unit" {
			continue
		}
		line, _ := dec.InputPos()
		var u xliffUnit
		if err := dec.DecodeElement(&u, &se); err != nil {
			return nil, &catalog.CSVError{Problems: []catalog.CSVProblem{{Row: line, Column: "trans-unit", Msg: "unité illisible : " + err.Error()}}}
		}
		rows = append(rows, xliffRow(line, u))
	}
	return rows, nil
}

// xliffRow turns a unit into a row: approved="yes" or a signed-off/final state signs the
// text off; needs-review-translation leaves the mark as it is; anything else is unreviewed.
func xliffRow(line int, u xliffUnit) Row {
	r := Row{Line: line, ID: u.ID, Fr: u.Source, Wo: u.Target.Text,
		col: map[string]string{"id": "id", "wolof": "target", "statut": "approved", "notes": "note"}}
	switch {
	case u.Approved == "yes" || u.Target.State == "signed-off" || u.Target.State == "final":
		r.Intent = wantReviewed
	case u.Target.State == "needs-review-translation" || u.Target.State == "needs-translation":
		r.Intent = keepMark
	}
	for _, n := range u.Notes {
		if n.From == "notes" {
			r.Notes, r.hasNotes = n.Text, true
		}
	}
	return r
}
