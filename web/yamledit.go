package web

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/samayoon/samayoon/catalog"
)

// doc is a catalog file's bytes with its YAML node tree. Edits replace the text of one
// entry only, so every other byte of the file (comments, order, quoting) stays as staff wrote it.
type doc struct {
	data  []byte
	root  *yaml.Node // the top-level mapping
	lines []int      // byte offset of each line start (line n starts at lines[n-1])
}

// errNotCatalog is a file whose top level is not a mapping of lists.
var errNotCatalog = errors.New("le fichier n'a pas la forme d'un catalogue (organizations, offers, info_pages)")

// parseDoc reads the node tree of a catalog file.
func parseDoc(data []byte) (*doc, error) {
	var top yaml.Node
	if err := yaml.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("web: read catalog yaml: %w", err)
	}
	if top.Kind != yaml.DocumentNode || len(top.Content) != 1 || top.Content[0].Kind != yaml.MappingNode {
		return nil, errNotCatalog
	}
	d := &doc{data: data, root: top.Content[0], lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d, nil
}

// list returns the sequence of a top-level list ("offers"), or nil.
func (d *doc) list(name string) *yaml.Node {
	n := catalog.NodeValue(d.root, name)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n
}

// find returns the index and node of the entry with id in a list, or -1.
func (d *doc) find(list, id string) (int, *yaml.Node) {
	seq := d.list(list)
	if seq == nil {
		return -1, nil
	}
	for i, item := range seq.Content {
		if v := catalog.NodeValue(item, "id"); v != nil && v.Value == id {
			return i, item
		}
	}
	return -1, nil
}

// lineStart is the byte offset where 1-based line n starts (len(data) past the end).
func (d *doc) lineStart(n int) int {
	if n-1 < len(d.lines) {
		return d.lines[n-1]
	}
	return len(d.data)
}

// boundary is the first line after entry i of list: the next entry, the next top-level
// key, or the end of the file.
func (d *doc) boundary(list string, i int) int {
	seq := d.list(list)
	if i+1 < len(seq.Content) {
		return seq.Content[i+1].Line
	}
	end := len(d.lines) + 1
	for k := 0; k+1 < len(d.root.Content); k += 2 {
		if l := d.root.Content[k].Line; l > seq.Content[i].Line && l < end {
			end = l
		}
	}
	return end
}

// span is the byte range of entry i's own text: from its first line to its last line that
// is neither blank nor a comment (trailing comments belong to what follows).
func (d *doc) span(list string, i int) (start, end int) {
	item := d.list(list).Content[i]
	last := item.Line
	for l := item.Line; l < d.boundary(list, i); l++ {
		text := strings.TrimSpace(string(d.data[d.lineStart(l):d.lineStart(l+1)]))
		if text != "" && !strings.HasPrefix(text, "#") {
			last = l
		}
	}
	return d.lineStart(item.Line), d.lineStart(last + 1)
}

// entryText is the YAML text of entry i, as written in the file.
func (d *doc) entryText(list string, i int) string {
	start, end := d.span(list, i)
	return string(d.data[start:end])
}

// replace returns the file with entry i of list replaced by n (merged into the old node so
// comments and styles of unchanged values stay).
func (d *doc) replace(list string, i int, n *yaml.Node) ([]byte, string, error) {
	old := d.list(list).Content[i]
	text, err := render(merge(old, n), old.Column-3)
	if err != nil {
		return nil, "", err
	}
	start, end := d.span(list, i)
	return splice(d.data, start, end, text), text, nil
}

// add returns the file with n appended to list, after a blank line, indented like the others.
func (d *doc) add(list string, n *yaml.Node) ([]byte, string, error) {
	seq := d.list(list)
	if seq == nil || len(seq.Content) == 0 || seq.Style&yaml.FlowStyle != 0 {
		return nil, "", fmt.Errorf("web: the list %s cannot take a new entry here", list)
	}
	last := len(seq.Content) - 1
	text, err := render(markAllWolof(n), seq.Content[last].Column-3)
	if err != nil {
		return nil, "", err
	}
	_, end := d.span(list, last)
	return splice(d.data, end, end, "\n"+text), text, nil
}

// splice replaces data[start:end] with text.
func splice(data []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(data)-(end-start)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	return append(out, data[end:]...)
}

// render writes one list item ("- id: ...") indented by indent spaces, without the item's
// head and foot comments (they stay in the file around it).
func render(n *yaml.Node, indent int) (string, error) {
	item := *n
	item.HeadComment, item.FootComment = "", ""
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{&item}}); err != nil {
		return "", fmt.Errorf("web: write entry: %w", err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("web: write entry: %w", err)
	}
	pad := strings.Repeat(" ", max(indent, 0))
	var out strings.Builder
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n "), "\n") {
		if line != "" {
			out.WriteString(pad)
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.String(), nil
}

// merge returns n with the nodes of old kept wherever the value did not change, so their
// comments (such as "# wo: à relire") and quoting survive; changed scalars keep old's comments.
func merge(old, n *yaml.Node) *yaml.Node {
	if old == nil {
		return n
	}
	if old.Kind != n.Kind {
		c := *n
		c.HeadComment, c.LineComment, c.FootComment = old.HeadComment, old.LineComment, old.FootComment
		return &c
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if old.Value == n.Value || scalarText(old) == n.Value && old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return old
		}
		c := *n
		c.HeadComment, c.LineComment, c.FootComment = old.HeadComment, old.LineComment, old.FootComment
		if old.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && c.Tag == "!!str" {
			c.Style = yaml.DoubleQuotedStyle
		}
		return &c
	case yaml.SequenceNode:
		c := *old
		c.Content = nil
		for i, item := range n.Content {
			var was *yaml.Node
			if i < len(old.Content) {
				was = old.Content[i]
			}
			c.Content = append(c.Content, merge(was, item))
		}
		return &c
	case yaml.MappingNode:
		return mergeMapping(old, n)
	}
	return n
}

// mergeMapping keeps old's keys in their order (dropping those n lacks) and inserts n's new
// keys before the first kept key that follows them in n.
func mergeMapping(old, n *yaml.Node) *yaml.Node {
	c := *old
	c.Content = nil
	order := map[string]int{}
	for k := 0; k+1 < len(n.Content); k += 2 {
		order[n.Content[k].Value] = k
	}
	for k := 0; k+1 < len(old.Content); k += 2 {
		key := old.Content[k].Value
		if j, ok := order[key]; ok {
			v := merge(old.Content[k+1], n.Content[j+1])
			if key == "wo" && v != old.Content[k+1] {
				markWolof(v)
			}
			c.Content = append(c.Content, old.Content[k], v)
		}
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if catalog.NodeValue(old, n.Content[k].Value) != nil {
			continue
		}
		at := len(c.Content)
		for j := 0; j+1 < len(c.Content); j += 2 {
			if order[c.Content[j].Value] > k {
				at = j
				break
			}
		}
		pair := []*yaml.Node{n.Content[k], markAllWolof(n.Content[k+1])}
		if n.Content[k].Value == "wo" {
			markWolof(pair[1])
		}
		c.Content = append(c.Content[:at], append(pair, c.Content[at:]...)...)
	}
	return &c
}

// wolofComment marks Wolof written or changed here as awaiting a native speaker's review,
// as the catalog's convention asks (docs/catalog.md).
const wolofComment = "# wo: à relire par un locuteur natif"

// markWolof puts the review comment on a Wolof value that has no comment.
func markWolof(v *yaml.Node) {
	if v.LineComment == "" {
		v.LineComment = wolofComment
	}
}

// markAllWolof marks every "wo" value inside a new node (a new entry or block).
func markAllWolof(n *yaml.Node) *yaml.Node {
	if n == nil {
		return n
	}
	if n.Kind == yaml.MappingNode {
		for k := 0; k+1 < len(n.Content); k += 2 {
			if n.Content[k].Value == "wo" {
				markWolof(n.Content[k+1])
			}
			markAllWolof(n.Content[k+1])
		}
	}
	for _, c := range n.Content {
		if n.Kind == yaml.SequenceNode {
			markAllWolof(c)
		}
	}
	return n
}
