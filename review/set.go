package review

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/locales"
	yaml "go.yaml.in/yaml/v3"
)

// FileName is the review file's name, beside the texts it covers (locales/, the catalog's folder).
const FileName = "review.wo.yaml"

// Paths says where the texts and their review files are.
type Paths struct {
	Locales string // folder with fr.toml, wo.toml and their review file
	Catalog string // the catalog file; its review file sits beside it
}

// DefaultPaths are the repository's files, as seen from its root.
func DefaultPaths() Paths { return Paths{Locales: "locales", Catalog: catalog.DefaultPath} }

// LocaleReview is the review file of the bot's messages.
func (p Paths) LocaleReview() string { return filepath.Join(p.Locales, FileName) }

// CatalogReview is the review file of the catalog's texts.
func (p Paths) CatalogReview() string { return filepath.Join(filepath.Dir(p.Catalog), FileName) }

// sources are the raw files a Set was read from.
type sources struct {
	fr, wo, cat []byte
	msgMarks    map[string]Mark
	catMarks    map[string]Mark
}

// Set is every Wolof text with its review state, as read at one moment.
type Set struct {
	Paths    Paths
	Texts    []Text   // messages (fr.toml order), then catalog texts (file order)
	Orphans  []string // ids with a review mark but no text any more
	Embedded bool     // some files were missing: the copies built into the program were read
	src      sources
	index    map[string]int
}

// Load reads the texts and review files; a missing text file falls back to the copy built
// into the program (Embedded is then set and nothing can be imported).
func Load(p Paths) (*Set, error) {
	var src sources
	embedded := false
	for _, f := range []struct {
		lang string
		dst  *[]byte
	}{{"fr", &src.fr}, {"wo", &src.wo}} {
		data, err := os.ReadFile(filepath.Join(p.Locales, f.lang+".toml"))
		if errors.Is(err, fs.ErrNotExist) {
			embedded = true
			data, err = locales.File(f.lang)
		}
		if err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		*f.dst = data
	}
	data, err := os.ReadFile(p.Catalog)
	if errors.Is(err, fs.ErrNotExist) {
		embedded, data, err = true, catalog.DefaultYAML(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	src.cat = data
	if src.msgMarks, err = readMarks(p.LocaleReview()); err != nil {
		return nil, err
	}
	if src.catMarks, err = readMarks(p.CatalogReview()); err != nil {
		return nil, err
	}
	s, err := build(p, src)
	if s != nil {
		s.Embedded = embedded
	}
	return s, err
}

// build works out every text's status from raw sources.
func build(p Paths, src sources) (*Set, error) {
	msgs, err := messageTexts(src.fr, src.wo)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	c, err := catalog.Parse(filepath.Base(p.Catalog), src.cat)
	if err != nil {
		return nil, fmt.Errorf("review: catalogue : %w", err)
	}
	s := &Set{Paths: p, src: src, index: map[string]int{}}
	s.Texts = append(msgs, catalogTexts(c)...)
	for i := range s.Texts {
		t := &s.Texts[i]
		t.Mark = s.marks(t.ID)[t.ID]
		t.Status = status(*t)
		s.index[t.ID] = i
	}
	for _, m := range []map[string]Mark{src.msgMarks, src.catMarks} {
		for id := range m {
			if _, ok := s.index[id]; !ok {
				s.Orphans = append(s.Orphans, id)
			}
		}
	}
	sort.Strings(s.Orphans)
	return s, nil
}

// marks returns the review marks of the file an id belongs to.
func (s *Set) marks(id string) map[string]Mark {
	if (Text{ID: id}).Catalog() {
		return s.src.catMarks
	}
	return s.src.msgMarks
}

// Text finds a text by id.
func (s *Set) Text(id string) (Text, bool) {
	i, ok := s.index[id]
	if !ok {
		return Text{}, false
	}
	return s.Texts[i], true
}

// StaleTexts lists the texts reviewed against a French or a Wolof that has changed since.
func (s *Set) StaleTexts() []Text {
	var out []Text
	for _, t := range s.Texts {
		if t.Status == Stale {
			out = append(out, t)
		}
	}
	return out
}

// readMarks reads a review file; a missing file means nothing was reviewed yet.
func readMarks(path string) (map[string]Mark, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Mark{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	m := map[string]Mark{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("review: %s : %w", path, err)
	}
	if m == nil {
		m = map[string]Mark{}
	}
	return m, nil
}

// reviewHeader opens every review file written by the program.
const reviewHeader = `# Relecture du wolof de Sama Yoon : une entrée par texte relu (ou annoté) par un locuteur natif.
# Écrit par « samayoon i18n import » (voir docs/reviewing-wolof.md) ; à ne pas modifier à la main.
# reviewer : qui a relu ; date : quand ; fr et wo : empreintes du français et du wolof relus
# (si l'un des deux change, le texte est « à revoir ») ; notes : remarques du relecteur.
# Un texte absent de ce fichier attend la relecture.
`

// encodeMarks writes a review file's content, ids in order.
func encodeMarks(m map[string]Mark) ([]byte, error) {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, id := range ids {
		var v yaml.Node
		if err := v.Encode(m[id]); err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: id}, &v)
	}
	var buf bytes.Buffer
	buf.WriteString(reviewHeader)
	if len(ids) == 0 {
		buf.WriteString("{}\n")
		return buf.Bytes(), nil
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return buf.Bytes(), nil
}

// Inconsistencies lists, in French, each review mark that no longer matches its text or
// names a text that is gone: what "catalog check" warns about and the tests fail on.
func (s *Set) Inconsistencies() []string {
	var out []string
	for _, t := range s.StaleTexts() {
		out = append(out, fmt.Sprintf("%s : relu par %s le %s, mais %s : faites-le relire (samayoon i18n export --only unreviewed)", t.ID, t.Mark.Reviewer, t.Mark.Date, t.StaleReason()))
	}
	for _, id := range s.Orphans {
		out = append(out, fmt.Sprintf("%s : relecture d'un texte qui n'existe plus (samayoon i18n import la retire)", id))
	}
	return out
}
