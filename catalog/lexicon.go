package catalog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
)

// LexiconFile is the lexicon's file name; Load reads it from the catalog file's folder.
const LexiconFile = "lexicon.yaml"

// lexiconModel is the layout of lexicon.yaml.
type lexiconModel struct {
	Version        int             `yaml:"version"`
	Needs          []needWords     `yaml:"needs"`
	Countries      []string        `yaml:"countries,omitempty"`
	Returns        []string        `yaml:"returns,omitempty"`
	Refusals       []string        `yaml:"refusals,omitempty"`
	Origins        []string        `yaml:"origins,omitempty"`
	Profiles       []profileWords  `yaml:"profiles,omitempty"`
	NeverCorrected []string        `yaml:"never_corrected,omitempty"`
	Places         []placeSpelling `yaml:"places"`
}

// needWords lists the words that name one need.
type needWords struct {
	Need  Need     `yaml:"need"`
	Words []string `yaml:"words"`
	Weak  []string `yaml:"weak,omitempty"`
}

// profileWords lists the words that say who the user is.
type profileWords struct {
	Profile Audience `yaml:"profile"`
	Words   []string `yaml:"words"`
}

// placeSpelling is a place name with the region or department it stands for.
type placeSpelling struct {
	Name       string   `yaml:"name"`
	Region     string   `yaml:"region,omitempty"`
	Department string   `yaml:"department,omitempty"`
	Spellings  []string `yaml:"spellings,omitempty"`
}

// Lexicon is a validated, read-only set of need words and place names; safe for concurrent use.
type Lexicon struct {
	name    string
	first   map[string][]lexEntry // first token -> entries starting with it, longest first
	byLen   [][]string            // tokens of 5+ letters by length, sorted, for one-typo lookups
	tokens  map[string]bool       // every token of every entry
	keep    map[string]bool       // never corrected
	entries int
}

// ParseLexicon validates lexicon YAML; name is the file name used in problem positions.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	root, bad := readDocument(name, data)
	if bad != nil {
		return nil, &ValidationError{Problems: []Problem{*bad}}
	}
	d := newDecoder(name)
	d.root = root
	var m lexiconModel
	d.decode(root, reflect.ValueOf(&m).Elem())
	lx := newLexicon(name)
	if len(d.probs) == 0 {
		lx.fill(d, &m)
	}
	if len(d.probs) > 0 {
		sortProblems(d.probs)
		return nil, &ValidationError{Problems: d.probs}
	}
	return lx, nil
}

// LoadLexicon reads and validates a lexicon file.
func LoadLexicon(path string) (*Lexicon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read lexicon: %w", err)
	}
	return ParseLexicon(filepath.Base(path), data)
}

// DefaultLexicon parses the lexicon shipped in the binary; a test keeps it valid.
func DefaultLexicon() (*Lexicon, error) {
	data, err := bundled.ReadFile(LexiconFile)
	if err != nil {
		return nil, fmt.Errorf("embedded lexicon: %w", err)
	}
	return ParseLexicon(LexiconFile, data)
}

// Name is the file name the lexicon was read from.
func (lx *Lexicon) Name() string { return lx.name }

// Len is the number of spellings the lexicon knows.
func (lx *Lexicon) Len() int { return lx.entries }

// lexiconBeside reads the lexicon next to a catalog file; ok is false when there is none.
func lexiconBeside(catalogPath string) (data []byte, ok bool, err error) {
	data, err = os.ReadFile(filepath.Join(filepath.Dir(catalogPath), LexiconFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("read lexicon: %w", err)
	}
	return data, true, nil
}

// withLexicon attaches the lexicon data (nil: the embedded one, read when first used) to a
// parsed catalog, merging the problems of both files into one error.
func withLexicon(c *Catalog, catErr error, lexData []byte) (*Catalog, error) {
	var lex *Lexicon
	var lexErr error
	if lexData != nil {
		lex, lexErr = ParseLexicon(LexiconFile, lexData)
	}
	if catErr == nil && lexErr == nil {
		c.lex = lex
		return c, nil
	}
	var all []Problem
	for _, err := range []error{catErr, lexErr} {
		var ve *ValidationError
		switch {
		case err == nil:
		case errors.As(err, &ve):
			all = append(all, ve.Problems...)
		default:
			return nil, err
		}
	}
	return nil, &ValidationError{Problems: all}
}

// Lexicon is the lexicon the catalog understands sentences with: the file read beside it,
// else the embedded one (parsed on first use, once per catalog).
func (c *Catalog) Lexicon() *Lexicon {
	if c.lex != nil {
		return c.lex
	}
	c.lexOnce.Do(func() {
		lx, err := DefaultLexicon()
		if err != nil {
			panic(fmt.Sprintf("catalog: embedded lexicon invalid: %v", err)) // a build defect, caught by tests
		}
		c.lexDefault = lx
	})
	return c.lexDefault
}

// spellingKey folds a spelling into the tokens it is matched on.
func spellingKey(s string) []string { return strings.Fields(Fold(s)) }
