package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// CSVProblem is one thing wrong in an imported spreadsheet, where staff can find it there.
type CSVProblem struct {
	Row    int    // spreadsheet row (the header is row 1); 0 when the problem is not in one row
	Column string // column name from the header, "" when the problem concerns the whole row
	Msg    string // plain French
}

// String formats the problem as "ligne 5, colonne « verified » : message".
func (p CSVProblem) String() string {
	var where []string
	if p.Row > 0 {
		where = append(where, fmt.Sprintf("ligne %d", p.Row))
	}
	if p.Column != "" {
		where = append(where, "colonne « "+p.Column+" »")
	}
	if len(where) == 0 {
		return p.Msg
	}
	return strings.Join(where, ", ") + " : " + p.Msg
}

// CSVError lists every problem of an imported spreadsheet; nothing is imported.
type CSVError struct {
	Problems []CSVProblem
}

// Error prints one problem per line.
func (e *CSVError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// csvSheet is a spreadsheet read into the model, with the row each entry came from.
type csvSheet struct {
	model fileModel
	rows  map[string][]int // list name ("offers") -> spreadsheet row of each entry
	probs []CSVProblem
}

// ImportCSV reads a spreadsheet written by ExportCSV (and edited by staff) and returns the
// validated catalog YAML (without comments); problems come back as a *CSVError by row and column.
func ImportCSV(r io.Reader) ([]byte, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("csv: en-tête illisible: %w", err)
	}
	s := &csvSheet{model: fileModel{Version: 1}, rows: map[string][]int{}}
	s.checkHeader(header)
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("csv ligne %d : %w", row, err)
		}
		s.addRow(row, header, rec)
	}
	if len(s.probs) > 0 {
		return nil, &CSVError{Problems: s.probs}
	}
	out, err := marshalYAML(&s.model)
	if err != nil {
		return nil, err
	}
	if _, err := Parse("import.yaml", out); err != nil {
		return out, s.translate(out, err)
	}
	return out, nil
}

// checkHeader reports columns the catalog does not have (their cells would be lost).
func (s *csvSheet) checkHeader(header []string) {
	known := map[string]bool{}
	for _, c := range csvColumns() {
		known[c] = true
	}
	for _, c := range header {
		if !known[c] && strings.TrimSpace(c) != "" {
			s.probs = append(s.probs, CSVProblem{Row: 1, Column: c, Msg: "colonne inconnue : vérifiez l'orthographe de l'en-tête (les noms viennent de l'export)"})
		}
	}
}

// addRow decodes one row into the list its kind names; cell problems are collected.
func (s *csvSheet) addRow(row int, header, rec []string) {
	cells := map[string]string{}
	for i, col := range header {
		if i < len(rec) {
			cells[col] = rec[i]
		}
	}
	m := &s.model
	var target any
	switch cells["kind"] {
	case "organization":
		m.Organizations = append(m.Organizations, Organization{})
		target, s.rows["organizations"] = &m.Organizations[len(m.Organizations)-1], append(s.rows["organizations"], row)
	case "offer":
		m.Offers = append(m.Offers, Offer{})
		target, s.rows["offers"] = &m.Offers[len(m.Offers)-1], append(s.rows["offers"], row)
	case "info_page":
		m.InfoPages = append(m.InfoPages, InfoPage{})
		target, s.rows["info_pages"] = &m.InfoPages[len(m.InfoPages)-1], append(s.rows["info_pages"], row)
	case "":
		return // blank line in the spreadsheet
	default:
		s.probs = append(s.probs, CSVProblem{Row: row, Column: "kind", Msg: fmt.Sprintf("« %s » inconnu (organization, offer ou info_page)", cells["kind"])})
		return
	}
	for _, ce := range unflatten(cells, reflect.ValueOf(target).Elem(), "") {
		s.probs = append(s.probs, CSVProblem{Row: row, Column: ce.col, Msg: ce.msg})
	}
}

// marshalYAML writes the model with two-space indentation, multi-line texts as | blocks.
func marshalYAML(m *fileModel) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return buf.Bytes(), nil
}

// translate traces each problem of the generated YAML to the path written there
// (offers[3].window.closes): its entry gives the spreadsheet row, its field the column.
func (s *csvSheet) translate(out []byte, err error) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("csv: %w", err)
	}
	paths := map[pos]string{}
	lines := map[int][]string{}
	var root yaml.Node
	if yaml.Unmarshal(out, &root) == nil && len(root.Content) > 0 {
		notePaths(root.Content[0], "", paths, lines)
	}
	cols := map[string]bool{}
	for _, c := range csvColumns() {
		cols[c] = true
	}
	lineRef := regexp.MustCompile(`\(ligne (\d+)\)`)
	probs := make([]CSVProblem, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		row, col := s.cell(paths[pos{p.Line, p.Col}], cols)
		msg := lineRef.ReplaceAllStringFunc(p.Msg, func(m string) string {
			n, _ := strconv.Atoi(lineRef.FindStringSubmatch(m)[1])
			for _, path := range lines[n] {
				if r, _ := s.cell(path, cols); r > 0 {
					return fmt.Sprintf("(ligne %d du tableau)", r)
				}
			}
			return m
		})
		probs = append(probs, CSVProblem{Row: row, Column: col, Msg: msg})
	}
	return &CSVError{Problems: probs}
}

// notePaths records the path of the value written at each position (the shallowest when a
// block and its first key share one) and the paths written on each line.
func notePaths(n *yaml.Node, path string, paths map[pos]string, lines map[int][]string) {
	if p := nodePos(n); paths[p] == "" {
		paths[p] = path
		lines[p.line] = append(lines[p.line], path)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for k := 0; k+1 < len(n.Content); k += 2 {
			child := strings.TrimPrefix(path+"."+n.Content[k].Value, ".")
			if p := nodePos(n.Content[k]); paths[p] == "" {
				paths[p] = child
			}
			notePaths(n.Content[k+1], child, paths, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			notePaths(c, fmt.Sprintf("%s[%d]", path, i), paths, lines)
		}
	}
}

// cell maps a path such as offers[3].phones[0].number to its spreadsheet row (3rd offer row)
// and column (phones: the JSON cell holding it); 0 and "" when the path is not in an entry.
func (s *csvSheet) cell(path string, cols map[string]bool) (int, string) {
	list, rest, _ := strings.Cut(path, "[")
	num, field, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || i >= len(s.rows[list]) {
		return 0, ""
	}
	field = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(strings.TrimPrefix(field, "."), "")
	if cols[field+".fr"] {
		return s.rows[list][i], field + ".fr" // a text's only required part; its block starts there
	}
	col := field
	for col != "" && !cols[col] {
		j := strings.LastIndex(col, ".")
		col = col[:max(j, 0)]
	}
	return s.rows[list][i], col
}
