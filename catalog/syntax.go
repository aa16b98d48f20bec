package catalog

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
	yaml "go.yaml.in/yaml/v3"
)

// syntaxAdvice ends every syntax problem with what staff usually got wrong.
const syntaxAdvice = " : vérifiez l'indentation (espaces, pas de tabulations), les « : » et les guillemets"

// readDocument parses the file's one YAML document into nodes that know their line and column;
// a syntax error, an empty file or a second document is the file's only problem.
func readDocument(name string, data []byte) (*yaml.Node, *Problem) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	switch {
	case errors.Is(err, io.EOF):
		return nil, &Problem{File: name, Line: 1, Col: 1, Msg: "le fichier est vide"}
	case err != nil:
		p := syntaxProblem(name, data, err)
		return nil, &p
	case len(doc.Content) == 0 || isNull(doc.Content[0]):
		return nil, &Problem{File: name, Line: 1, Col: 1, Msg: "le fichier est vide"}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		p := nodePos(&next)
		return nil, &Problem{File: name, Line: p.line, Col: p.col, Msg: "un seul document est attendu : retirez la ligne « --- »"}
	case !errors.Is(err, io.EOF):
		p := syntaxProblem(name, data, err)
		return nil, &p
	}
	return doc.Content[0], nil
}

// maxPreciseNesting bounds the nesting on one line ([[[, {a: {b:, - - -) under which a broken
// file is re-read by goccy/go-yaml, whose time grows with the square of that nesting (4 s for
// 64 KB of "["); catalog lines nest 3 deep at most.
const maxPreciseNesting = 64

// syntaxProblem locates a syntax error by re-reading the broken file with goccy/go-yaml, which
// points at the faulty character (yaml/v3 tells a line only, often the enclosing block's).
func syntaxProblem(name string, data []byte, err error) Problem {
	if !shallow(data) {
		return fastSyntaxProblem(name, data, err)
	}
	if _, gerr := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()); gerr != nil {
		var ye goccy.Error
		if errors.As(gerr, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			tp := ye.GetToken().Position
			return Problem{File: name, Line: tp.Line, Col: tp.Column, Msg: "syntaxe YAML invalide (" + ye.GetMessage() + ")" + syntaxAdvice}
		}
	}
	return fastSyntaxProblem(name, data, err)
}

// shallow reports whether no line opens more than maxPreciseNesting brackets or list dashes
// (an estimate that counts brackets inside quotes too).
func shallow(data []byte) bool {
	depth, dashes, lineStart := 0, 0, true
	for i, c := range data {
		switch {
		case c == '\n':
			dashes, lineStart = 0, true
			continue
		case c == '[' || c == '{':
			depth++
		case (c == ']' || c == '}') && depth > 0:
			depth--
		case lineStart && (c == '-' || c == '?') && i+1 < len(data) && data[i+1] == ' ':
			dashes++
		case lineStart && c == ' ':
		default:
			lineStart = false
		}
		if depth > maxPreciseNesting || dashes > maxPreciseNesting {
			return false
		}
	}
	return true
}

// fastSyntaxProblem explains an error that only the fast parser found, from its message.
func fastSyntaxProblem(name string, data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{File: name, Line: line, Col: firstColumn(data, line), Msg: "syntaxe YAML invalide (" + m[2] + ")" + syntaxAdvice}
	}
	if m := regexp.MustCompile(`^unknown anchor '(.*)' referenced$`).FindStringSubmatch(msg); m != nil {
		p := offsetPos(data, max(0, bytes.Index(data, []byte("*"+m[1]))))
		return Problem{File: name, Line: p.line, Col: p.col, Msg: "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur"}
	}
	if off, ok := badCharacter(data); ok {
		p := offsetPos(data, off)
		return Problem{File: name, Line: p.line, Col: p.col, Msg: "caractère illisible ou invisible ici : enregistrez le fichier en UTF-8 et retirez ce caractère"}
	}
	return Problem{File: name, Line: 1, Col: 1, Msg: "syntaxe YAML invalide (" + msg + ")" + syntaxAdvice}
}

// firstColumn is the column of the first character that is not a space on a line (1 if none).
func firstColumn(data []byte, line int) int {
	for l, text := range strings.Split(string(data), "\n") {
		if l+1 == line {
			return len(text) - len(strings.TrimLeft(text, " \t")) + 1
		}
	}
	return 1
}

// offsetPos converts a byte offset into a line and a column counted in characters.
func offsetPos(data []byte, off int) pos {
	before := data[:min(off, len(data))]
	start := bytes.LastIndexByte(before, '\n') + 1
	return pos{bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1}
}

// badCharacter finds the first byte YAML refuses: invalid UTF-8 or a control character.
func badCharacter(data []byte) (int, bool) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, true
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f, r >= 0x80 && r < 0xa0 && r != 0x85,
			r == 0xfeff && i > 0, r == 0xfffe, r == 0xffff:
			return i, true
		}
		i += size
	}
	return 0, false
}
