package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/samayoon/samayoon/catalog"
)

// splice replaces data[from:to] with text.
type splice struct {
	from, to int
	text     string
}

// catalogMarker is the trailing comment the catalog puts on Wolof no native speaker signed off.
var catalogMarker = regexp.MustCompile(`^[ \t]*#[ \t]*wo[ \t]*:[ \t]*à relire[^\n]*`)

// editCatalog sets the Wolof of the edited catalog texts and drops the "# wo: à relire"
// comment of those signed off. It finds each text in the YAML node tree and splices only the
// bytes of its wo value, so comments and the layout of everything else stay as they were.
func editCatalog(data []byte, wo map[string]string, signed map[string]bool) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("catalogue illisible : %v", err)
	}
	lines := lineStarts(data)
	var edits []splice
	ids := make([]string, 0, len(wo)+len(signed))
	for id := range wo {
		ids = append(ids, id)
	}
	for id := range signed {
		if _, ok := wo[id]; !ok {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		if !(Text{ID: id}).Catalog() {
			continue
		}
		n, err := findText(doc.Content[0], id)
		if err != nil {
			return nil, err
		}
		s, err := textEdit(data, lines, n, wo, id, signed[id])
		if err != nil {
			return nil, fmt.Errorf("%s : %w", id, err)
		}
		edits = append(edits, s...)
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].from > edits[j].from })
	out := append([]byte(nil), data...)
	for _, e := range edits {
		out = append(out[:e.from], append([]byte(e.text), out[e.to:]...)...)
	}
	return out, nil
}

// findText walks to the text mapping an id names, e.g. offer/x/summary → offers[id=x].summary.
func findText(root *yaml.Node, id string) (*yaml.Node, error) {
	parts := strings.Split(id, "/")
	list := map[string]string{"org": "organizations", "offer": "offers", "info": "info_pages", "location": "offers"}[parts[0]]
	if list == "" || len(parts) < 3 {
		return nil, fmt.Errorf("id de texte inconnu « %s »", id)
	}
	entry := byID(catalog.NodeValue(root, list), parts[1])
	path := parts[2:]
	if parts[0] == "location" {
		path = append([]string{"locations"}, parts[2:]...)
	}
	n := entry
	for i := 0; i < len(path) && n != nil; i++ {
		switch path[i] {
		case "locations", "phone":
			key := map[string]string{"locations": "locations", "phone": "phones"}[path[i]]
			k, err := strconv.Atoi(path[i+1])
			seq := catalog.NodeValue(n, key)
			if err != nil || seq == nil || k < 1 || k > len(seq.Content) {
				return nil, fmt.Errorf("texte « %s » introuvable dans le catalogue", id)
			}
			n, i = seq.Content[k-1], i+1
		default:
			n = catalog.NodeValue(n, path[i])
		}
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("texte « %s » introuvable dans le catalogue", id)
	}
	return n, nil
}

// byID returns the entry of a sequence whose id is id, or nil.
func byID(seq *yaml.Node, id string) *yaml.Node {
	if seq == nil {
		return nil
	}
	for _, e := range seq.Content {
		if v := catalog.NodeValue(e, "id"); v != nil && v.Value == id {
			return e
		}
	}
	return nil
}

// keyOf returns the key node of a key in a mapping node, or nil.
func keyOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

// textEdit works out the splices of one text: replace or insert its wo value, and drop its
// "à relire" comment when it is signed off.
func textEdit(data []byte, lines []int, m *yaml.Node, wo map[string]string, id string, signed bool) ([]splice, error) {
	flow := m.Style&yaml.FlowStyle != 0
	var out []splice
	if k := keyOf(m, "wo"); k != nil {
		v := catalog.NodeValue(m, "wo")
		from := offset(data, lines, v.Line, v.Column)
		to, err := scalarEnd(data, lines, v, k.Column, flow)
		if err != nil {
			return nil, err
		}
		if s, ok := wo[id]; ok {
			if v.Tag == "!!null" && v.Value == "" {
				from = to // "wo:" with nothing after it
				s = " " + render(s, k.Column+1, flow)
			} else {
				s = render(s, k.Column+1, flow)
			}
			out = append(out, splice{from, to, s})
		}
		if signed {
			if c := catalogMarker.Find(data[to:]); c != nil {
				out = append(out, splice{to, to + len(c), ""})
			}
		}
		return out, nil
	}
	s, ok := wo[id]
	if !ok {
		return nil, nil // signed off without Wolof cannot happen: the row was refused
	}
	fk, fv := keyOf(m, "fr"), catalog.NodeValue(m, "fr")
	if fk == nil {
		return nil, fmt.Errorf("pas de « fr »")
	}
	end, err := scalarEnd(data, lines, fv, fk.Column, flow)
	if err != nil {
		return nil, err
	}
	if flow {
		return []splice{{end, end, ", wo: " + render(s, 0, true)}}, nil
	}
	eol := end + bytes.IndexByte(append(data[end:], '\n'), '\n')
	indent := strings.Repeat(" ", fk.Column-1)
	return []splice{{eol, eol, "\n" + indent + "wo: " + render(s, fk.Column+1, false)}}, nil
}

// render writes s as a YAML value: double-quoted on one line, or a literal block indented
// under its key when it has several lines (never in a flow mapping).
func render(s string, indent int, flow bool) string {
	if flow || !strings.Contains(s, "\n") || strings.HasPrefix(s, " ") {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s) // a string always encodes
		return strings.TrimSuffix(b.String(), "\n")
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString("|-")
	for _, l := range strings.Split(s, "\n") {
		b.WriteString("\n")
		if l != "" {
			b.WriteString(pad + l)
		}
	}
	return b.String()
}

// lineStarts returns the byte offset where each line starts (index 0 is line 1).
func lineStarts(data []byte) []int {
	out := []int{0}
	for i, c := range data {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// offset converts a node's 1-based line and column (in characters) to a byte offset.
func offset(data []byte, lines []int, line, col int) int {
	i := lines[line-1]
	for c := 1; c < col && i < len(data); c++ {
		_, n := utf8.DecodeRune(data[i:])
		i += n
	}
	return i
}

// scalarEnd returns the byte offset just after a scalar value whose key starts at keyCol.
func scalarEnd(data []byte, lines []int, v *yaml.Node, keyCol int, flow bool) (int, error) {
	if v.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("le texte n'est pas une simple valeur")
	}
	i := offset(data, lines, v.Line, v.Column)
	switch {
	case v.Style&yaml.DoubleQuotedStyle != 0:
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1, nil
			}
		}
	case v.Style&yaml.SingleQuotedStyle != 0:
		for j := i + 1; j < len(data); j++ {
			if data[j] == '\'' {
				if j+1 < len(data) && data[j+1] == '\'' {
					j++
					continue
				}
				return j + 1, nil
			}
		}
	case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return blockEnd(data, lines, v.Line, keyCol), nil
	case v.Tag == "!!null" && v.Value == "":
		return i, nil
	case flow:
		j := i
		for j < len(data) && !strings.ContainsRune(",}]\n", rune(data[j])) && !(data[j] == '#' && j > 0 && data[j-1] == ' ') {
			j++
		}
		return i + len(bytes.TrimRight(data[i:j], " \t")), nil
	default:
		return plainEnd(data, lines, v.Line, i, keyCol), nil
	}
	return 0, fmt.Errorf("texte entre guillemets non fermé")
}

// blockEnd is the end of a literal or folded block: its last line indented deeper than its key.
func blockEnd(data []byte, lines []int, line, keyCol int) int {
	end := lineEnd(data, lines, line)
	for l := line + 1; l <= len(lines); l++ {
		text := data[lines[l-1]:lineEnd(data, lines, l)]
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if indentOf(text) <= keyCol {
			break
		}
		end = lineEnd(data, lines, l)
	}
	return end
}

// plainEnd is the end of a plain scalar in a block: the rest of its line before a comment,
// and the lines after it indented deeper than its key.
func plainEnd(data []byte, lines []int, line, start, keyCol int) int {
	j := start
	for j < lineEnd(data, lines, line) && !(data[j] == '#' && data[j-1] == ' ') {
		j++
	}
	end := start + len(bytes.TrimRight(data[start:j], " \t"))
	for l := line + 1; l <= len(lines); l++ {
		text := data[lines[l-1]:lineEnd(data, lines, l)]
		trimmed := bytes.TrimSpace(text)
		if len(trimmed) == 0 {
			continue
		}
		if indentOf(text) <= keyCol || trimmed[0] == '#' {
			break
		}
		if c := bytes.Index(text, []byte(" #")); c >= 0 {
			text = text[:c] // a comment ends the scalar
		}
		end = lines[l-1] + len(bytes.TrimRight(text, " \t\r"))
	}
	return end
}

// lineEnd is the offset of the newline ending a 1-based line (or the end of data).
func lineEnd(data []byte, lines []int, line int) int {
	if line < len(lines) {
		return lines[line] - 1
	}
	return len(data)
}

// indentOf is the 1-based column of a line's first non-space character.
func indentOf(text []byte) int {
	return len(text) - len(bytes.TrimLeft(text, " ")) + 1
}
