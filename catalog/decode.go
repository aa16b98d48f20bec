package catalog

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// pos is a line and column in the catalog file (1-based).
type pos struct{ line, col int }

// fieldInfo is one YAML key of a struct type.
type fieldInfo struct {
	name     string
	index    int
	required bool
}

// decoder turns a goccy/go-yaml AST into model values, collecting every problem with its
// position instead of stopping at the first, and remembering where each value was written.
type decoder struct {
	file   string
	probs  []Problem
	root   ast.Node // the document body, to find where a value was written
	fields map[reflect.Type][]fieldInfo
}

// newDecoder prepares a decoder for the named file.
func newDecoder(file string) *decoder {
	return &decoder{file: file, fields: map[reflect.Type][]fieldInfo{}}
}

// problem records a problem at a node's position.
func (d *decoder) problem(n ast.Node, format string, args ...any) {
	d.problemAt(nodePos(n), format, args...)
}

// problemAt records a problem at a position.
func (d *decoder) problemAt(p pos, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// nodePos returns where a node starts.
func nodePos(n ast.Node) pos {
	if n == nil || n.GetToken() == nil {
		return pos{1, 1}
	}
	tk := n.GetToken()
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && !m.IsFlowStyle {
		tk = m.Values[0].Key.GetToken()
	}
	return pos{tk.Position.Line, tk.Position.Column}
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

// unwrap skips tags and anchors; aliases are refused because staff never need them.
func (d *decoder) unwrap(n ast.Node) ast.Node {
	n = d.unwrapQuiet(n)
	if _, ok := n.(*ast.AliasNode); ok {
		d.problem(n, "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur")
		return nil
	}
	return n
}

// decode fills v from n.
func (d *decoder) decode(n ast.Node, v reflect.Value) {
	n = d.unwrap(n)
	if n == nil || n.Type() == ast.NullType {
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
func (d *decoder) scalar(n ast.Node) (string, bool) {
	switch s := n.(type) {
	case *ast.StringNode:
		return s.Value, true
	case *ast.LiteralNode:
		return strings.TrimRight(s.Value.Value, "\n"), true
	case *ast.MappingNode, *ast.SequenceNode, *ast.MappingValueNode:
		d.problem(n, "une valeur simple (un texte) est attendue ici, pas une liste ni un bloc")
		return "", false
	}
	return n.GetToken().Value, true
}

// decodeDate parses YYYY-MM-DD.
func (d *decoder) decodeDate(n ast.Node, v reflect.Value) {
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
func (d *decoder) decodeBool(n ast.Node, v reflect.Value) {
	b, ok := n.(*ast.BoolNode)
	if !ok {
		d.problem(n, "écrivez true (oui) ou false (non) ici, pas « %s »", n.GetToken().Value)
		return
	}
	v.SetBool(b.Value)
}

// decodeNumber accepts a number written in digits.
func (d *decoder) decodeNumber(n ast.Node, v reflect.Value) {
	f, err := strconv.ParseFloat(n.GetToken().Value, 64)
	if err != nil || (n.Type() != ast.IntegerType && n.Type() != ast.FloatType) {
		d.problem(n, "un nombre est attendu ici (par exemple 30 ou 14.65), pas « %s »", n.GetToken().Value)
		return
	}
	if v.Kind() == reflect.Int {
		if f != float64(int(f)) {
			d.problem(n, "un nombre entier est attendu ici, pas « %s »", n.GetToken().Value)
			return
		}
		v.SetInt(int64(f))
		return
	}
	v.SetFloat(f)
}

// decodeSlice fills a slice from a sequence.
func (d *decoder) decodeSlice(n ast.Node, v reflect.Value) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.problem(n, "une liste est attendue ici (des lignes qui commencent par « - », ou [a, b])")
		return
	}
	out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
	for i, item := range seq.Values {
		d.decode(item, out.Index(i))
	}
	v.Set(out)
}

// decodeStruct fills a struct from a mapping, reporting unknown, repeated and missing keys.
func (d *decoder) decodeStruct(n ast.Node, v reflect.Value) {
	values, ok := mappingValues(n)
	if !ok {
		if v.Type() == reflect.TypeFor[Text]() {
			d.problem(n, "texte à écrire avec sa langue : {fr: \"...\"} ou {fr: \"...\", wo: \"...\"}")
			return
		}
		d.problem(n, "un bloc de champs (clé: valeur) est attendu ici")
		return
	}
	fs := d.structFields(v.Type())
	var seen uint64 // bit i: field i was written (structs here have fewer than 64 fields)
	for _, mv := range values {
		key := mv.Key.GetToken().Value
		i, found := findField(fs, key)
		switch {
		case !found:
			d.problem(mv.Key, "champ inconnu « %s » (vérifiez l'orthographe ; champs possibles ici : %s)", key, fieldNames(fs))
			continue
		case seen&(1<<i) != 0:
			d.problem(mv.Key, "le champ « %s » apparaît deux fois dans le même bloc", key)
			continue
		}
		seen |= 1 << i
		if val := d.unwrap(mv.Value); val == nil || val.Type() == ast.NullType {
			continue
		}
		d.decode(mv.Value, v.Field(fs[i].index))
	}
	for i, f := range fs {
		written := seen&(1<<i) != 0
		if f.required && !written {
			d.problem(n, "champ obligatoire manquant : « %s »", f.name)
		} else if f.required && v.Field(f.index).IsZero() && !isBlock(v.Field(f.index)) {
			d.problemAt(d.keyPos(values, f.name), "le champ obligatoire « %s » est vide", f.name)
		}
	}
}

// keyPos finds where a key is written in a mapping.
func (d *decoder) keyPos(values []*ast.MappingValueNode, key string) pos {
	for _, mv := range values {
		if mv.Key.GetToken().Value == key {
			return nodePos(mv.Key)
		}
	}
	return pos{1, 1}
}

// mappingValues returns the key/value pairs of a mapping node.
func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
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
	n := d.unwrapQuiet(d.root)
	for _, seg := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(seg, "[")
		if key != "" {
			n = d.unwrapQuiet(mappingValue(n, key))
		}
		for rest != "" {
			num, more, _ := strings.Cut(rest, "]")
			rest = strings.TrimPrefix(more, "[")
			i, err := strconv.Atoi(num)
			seq, ok := n.(*ast.SequenceNode)
			if err != nil || !ok || i < 0 || i >= len(seq.Values) {
				return pos{}, false
			}
			n = d.unwrapQuiet(seq.Values[i])
		}
		if n == nil {
			return pos{}, false
		}
	}
	return nodePos(n), true
}

// itemPos is where item i of a top-level list starts.
func (d *decoder) itemPos(list string, i int) pos {
	if seq, ok := d.unwrapQuiet(mappingValue(d.unwrapQuiet(d.root), list)).(*ast.SequenceNode); ok && i < len(seq.Values) {
		return nodePos(seq.Values[i])
	}
	return pos{1, 1}
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(n ast.Node, key string) ast.Node {
	values, _ := mappingValues(n)
	for _, mv := range values {
		if mv.Key.GetToken().Value == key {
			return mv.Value
		}
	}
	return nil
}

// unwrapQuiet skips tags and anchors without reporting anything.
func (d *decoder) unwrapQuiet(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// tokenPos converts a token position.
func tokenPos(tk *token.Token) pos {
	if tk == nil || tk.Position == nil {
		return pos{1, 1}
	}
	return pos{tk.Position.Line, tk.Position.Column}
}

// isBlock reports struct fields (other than dates) whose emptiness has its own message.
func isBlock(v reflect.Value) bool {
	return v.Kind() == reflect.Struct && v.Type() != reflect.TypeFor[Date]()
}
