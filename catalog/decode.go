package catalog

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// pos is a line and column in the catalog file (1-based).
type pos struct{ line, col int }

// fieldInfo is one YAML key of a struct type.
type fieldInfo struct {
	name     string
	index    int
	required bool
}

// decoder turns a YAML node tree into model values, collecting every problem with its
// position instead of stopping at the first, and remembering where each value was written.
type decoder struct {
	file   string
	probs  []Problem
	root   *yaml.Node // the document body, to find where a value was written
	fields map[reflect.Type][]fieldInfo
}

// newDecoder prepares a decoder for the named file.
func newDecoder(file string) *decoder {
	return &decoder{file: file, fields: map[reflect.Type][]fieldInfo{}}
}

// problem records a problem at a node's position.
func (d *decoder) problem(n *yaml.Node, format string, args ...any) {
	d.problemAt(nodePos(n), format, args...)
}

// problemAt records a problem at a position.
func (d *decoder) problemAt(p pos, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// nodePos returns where a node starts (a block mapping starts at its first key).
func nodePos(n *yaml.Node) pos {
	if n == nil || n.Line == 0 {
		return pos{1, 1}
	}
	return pos{n.Line, n.Column}
}

// structFields lists the YAML keys of a struct type; cached per decoder.
func (d *decoder) structFields(t reflect.Type) []fieldInfo {
	if fs, ok := d.fields[t]; ok {
		return fs
	}
	var fs []fieldInfo
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		fs = append(fs, fieldInfo{name: name, index: i, required: !strings.Contains(opts, "omitempty")})
	}
	d.fields[t] = fs
	return fs
}

// unwrap refuses aliases because staff never need them (tags and anchors are attributes).
func (d *decoder) unwrap(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		d.problem(n, "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur")
		return nil
	}
	return n
}

// isNull reports an absent value (empty, ~ or null), which leaves the field at its zero value.
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// decode fills v from n.
func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	n = d.unwrap(n)
	if isNull(n) {
		return
	}
	switch {
	case v.Type() == reflect.TypeFor[Date]():
		d.decodeDate(n, v)
	case v.Kind() == reflect.Struct:
		d.decodeStruct(n, v)
	case v.Kind() == reflect.Slice:
		d.decodeSlice(n, v)
	case v.Kind() == reflect.String:
		if s, ok := d.scalar(n); ok {
			v.SetString(s)
		}
	case v.Kind() == reflect.Bool:
		d.decodeBool(n, v)
	case v.Kind() == reflect.Float64, v.Kind() == reflect.Int:
		d.decodeNumber(n, v)
	}
}

// scalar returns the text of a scalar node; numbers keep their written form (+221...).
func (d *decoder) scalar(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.problem(n, "une valeur simple (un texte) est attendue ici, pas une liste ni un bloc")
		return "", false
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return strings.TrimRight(n.Value, "\n"), true
	}
	return n.Value, true
}

// decodeDate parses YYYY-MM-DD.
func (d *decoder) decodeDate(n *yaml.Node, v reflect.Value) {
	s, ok := d.scalar(n)
	if !ok {
		return
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		d.problem(n, "date invalide « %s » : écrivez-la AAAA-MM-JJ, par exemple 2026-11-29", s)
		return
	}
	v.Set(reflect.ValueOf(Date{t}))
}

// decodeBool accepts true or false.
func (d *decoder) decodeBool(n *yaml.Node, v reflect.Value) {
	b, err := strconv.ParseBool(n.Value)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || err != nil {
		d.problem(n, "écrivez true (oui) ou false (non) ici, pas « %s »", shown(n))
		return
	}
	v.SetBool(b)
}

// decodeNumber accepts a number written in digits.
func (d *decoder) decodeNumber(n *yaml.Node, v reflect.Value) {
	f, err := strconv.ParseFloat(n.Value, 64)
	if tag := n.ShortTag(); err != nil || n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
		d.problem(n, "un nombre est attendu ici (par exemple 30 ou 14.65), pas « %s »", shown(n))
		return
	}
	if v.Kind() == reflect.Int {
		if f != float64(int(f)) {
			d.problem(n, "un nombre entier est attendu ici, pas « %s »", n.Value)
			return
		}
		v.SetInt(int64(f))
		return
	}
	v.SetFloat(f)
}

// shown is how a wrong value is quoted in a message: its text, or the bracket of a list or block.
func shown(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "["
	case yaml.MappingNode:
		return "{"
	}
	return n.Value
}

// decodeSlice fills a slice from a sequence.
func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.SequenceNode {
		d.problem(n, "une liste est attendue ici (des lignes qui commencent par « - », ou [a, b])")
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, out.Index(i))
	}
	v.Set(out)
}

// decodeStruct fills a struct from a mapping, reporting unknown, repeated and missing keys.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		if v.Type() == reflect.TypeFor[Text]() {
			d.problem(n, "texte à écrire avec sa langue : {fr: \"...\"} ou {fr: \"...\", wo: \"...\"}")
			return
		}
		d.problem(n, "un bloc de champs (clé: valeur) est attendu ici")
		return
	}
	fs := d.structFields(v.Type())
	var seen uint64 // bit i: field i was written (structs here have fewer than 64 fields)
	for k := 0; k+1 < len(n.Content); k += 2 {
		key, val := n.Content[k], n.Content[k+1]
		i, found := findField(fs, key.Value)
		switch {
		case !found && strings.Contains(key.Value, ":"):
			d.problem(key, "champ inconnu « %s » : mettez une espace après « : », comme « %s »", key.Value, strings.Replace(key.Value, ":", ": ", 1))
			continue
		case !found:
			d.problem(key, "champ inconnu « %s » (vérifiez l'orthographe ; champs possibles ici : %s)", key.Value, fieldNames(fs))
			continue
		case seen&(1<<i) != 0:
			d.problem(key, "le champ « %s » apparaît deux fois dans le même bloc", key.Value)
			continue
		}
		seen |= 1 << i
		if isNull(d.unwrap(val)) {
			continue
		}
		d.decode(val, v.Field(fs[i].index))
	}
	for i, f := range fs {
		written := seen&(1<<i) != 0
		if f.required && !written {
			d.problem(n, "champ obligatoire manquant : « %s »", f.name)
		} else if f.required && v.Field(f.index).IsZero() && !isBlock(v.Field(f.index)) {
			d.problemAt(nodePos(mappingKey(n, f.name)), "le champ obligatoire « %s » est vide", f.name)
		}
	}
}

// mappingKey returns the key node of key in a mapping node, or nil.
func mappingKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if n.Content[k].Value == key {
			return n.Content[k]
		}
	}
	return nil
}

// NodeValue returns the value of key in a mapping node of the catalog's YAML tree, or nil;
// the decoder and the two editors that rewrite the file in place (review, web) share it.
func NodeValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if n.Content[k].Value == key {
			return n.Content[k+1]
		}
	}
	return nil
}

// findField looks a key up and returns its position in fs.
func findField(fs []fieldInfo, key string) (int, bool) {
	for i, f := range fs {
		if f.name == key {
			return i, true
		}
	}
	return 0, false
}

// fieldNames lists the keys a block accepts, for messages.
func fieldNames(fs []fieldInfo) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// lookup finds where the value at a path such as "offers[2].phones[0].number" is written.
func (d *decoder) lookup(path string) (pos, bool) {
	n := d.root
	for _, seg := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(seg, "[")
		if key != "" {
			n = NodeValue(n, key)
		}
		for rest != "" {
			num, more, _ := strings.Cut(rest, "]")
			rest = strings.TrimPrefix(more, "[")
			i, err := strconv.Atoi(num)
			if err != nil || n == nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
				return pos{}, false
			}
			n = n.Content[i]
		}
		if n == nil {
			return pos{}, false
		}
	}
	return nodePos(n), true
}

// itemPos is where item i of a top-level list starts.
func (d *decoder) itemPos(list string, i int) pos {
	if seq := NodeValue(d.root, list); seq != nil && seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
		return nodePos(seq.Content[i])
	}
	return pos{1, 1}
}

// isBlock reports struct fields (other than dates) whose emptiness has its own message.
func isBlock(v reflect.Value) bool {
	return v.Kind() == reflect.Struct && v.Type() != reflect.TypeFor[Date]()
}
