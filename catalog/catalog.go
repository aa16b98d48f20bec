package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Problem is one thing wrong (or worth a warning) in a catalog file, where staff can find it.
type Problem struct {
	File      string
	Line, Col int
	Msg       string // plain French, for staff who are not programmers
}

// String formats the problem as "catalog.yaml:12:5: message", the form editors understand.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// ValidationError lists every problem found in a catalog file; the file is refused whole.
type ValidationError struct {
	Problems []Problem
}

// Error prints one problem per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// fileModel is the layout of catalog.yaml.
type fileModel struct {
	Version       int            `yaml:"version"`
	Organizations []Organization `yaml:"organizations"`
	Offers        []Offer        `yaml:"offers"`
	InfoPages     []InfoPage     `yaml:"info_pages,omitempty"`
}

// Catalog is a validated, read-only set of offers; safe for concurrent use once built.
type Catalog struct {
	name      string
	orgs      []Organization
	offers    []Offer
	pages     []InfoPage
	orgIdx    map[string]int
	offerIdx  map[string]int
	orgLine   []pos
	offerLine []pos
	pageLine  []pos
	search    searchIndex
	meta      []offerMeta
	all       []int32               // every offer index, in file order
	byNeed    map[Need][]int32      // offer indexes per need, in file order
	depts     map[string]Department // the reference departments by id, so a match builds no list
	acronyms  []Acronym
}

// Load reads and validates a catalog file; problems come back as a *ValidationError.
func Load(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	return Parse(filepath.Base(path), data)
}

// Parse validates catalog YAML; name is the file name used in problem positions.
func Parse(name string, data []byte) (*Catalog, error) {
	root, bad := readDocument(name, data)
	if bad != nil {
		return nil, &ValidationError{Problems: []Problem{*bad}}
	}
	d := newDecoder(name)
	d.root = root
	var m fileModel
	d.decode(root, reflect.ValueOf(&m).Elem())
	validate(d, &m)
	if len(d.probs) > 0 {
		sortProblems(d.probs)
		return nil, &ValidationError{Problems: d.probs}
	}
	return build(name, &m, d), nil
}

// sortProblems orders problems by position so staff fix them top to bottom.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Col < ps[j].Col
	})
}

// build indexes a validated model.
func build(name string, m *fileModel, d *decoder) *Catalog {
	c := &Catalog{
		name: name, orgs: m.Organizations, offers: m.Offers, pages: m.InfoPages,
		orgIdx: map[string]int{}, offerIdx: map[string]int{},
	}
	for i, o := range c.orgs {
		c.orgIdx[o.ID] = i
		c.orgLine = append(c.orgLine, d.itemPos("organizations", i))
	}
	c.byNeed, c.depts = map[Need][]int32{}, map[string]Department{}
	deptRegion := map[string]string{}
	for _, r := range placeRows() {
		c.depts[r.id] = r.department()
		deptRegion[r.id] = r.region
	}
	for i, o := range c.offers {
		c.offerIdx[o.ID] = i
		c.offerLine = append(c.offerLine, d.itemPos("offers", i))
		c.all = append(c.all, int32(i))
		for _, n := range o.Needs {
			c.byNeed[n] = append(c.byNeed[n], int32(i))
		}
		c.meta = append(c.meta, newOfferMeta(&c.offers[i], deptRegion))
	}
	for i := range c.pages {
		c.pageLine = append(c.pageLine, d.itemPos("info_pages", i))
	}
	c.search = newSearchIndex(c.offers, c.orgs, c.orgIdx)
	c.acronyms = newAcronyms(c.orgs)
	return c
}

// Name is the file name the catalog was read from.
func (c *Catalog) Name() string { return c.name }

// Len is the number of offers.
func (c *Catalog) Len() int { return len(c.offers) }

// Offers returns a copy of the offers in file order.
func (c *Catalog) Offers() []Offer { return append([]Offer(nil), c.offers...) }

// Orgs returns a copy of the organizations in file order.
func (c *Catalog) Orgs() []Organization { return append([]Organization(nil), c.orgs...) }

// AllInfoPages returns a copy of every information page in file order.
func (c *Catalog) AllInfoPages() []InfoPage { return append([]InfoPage(nil), c.pages...) }

// Offer finds an offer and its organization by id (ids come from buttons and may be stale).
func (c *Catalog) Offer(id string) (*Offer, *Organization, bool) {
	i, ok := c.offerIdx[id]
	if !ok {
		return nil, nil, false
	}
	return &c.offers[i], c.org(c.offers[i].Org), true
}

// org returns the organization with an id, or nil.
func (c *Catalog) org(id string) *Organization {
	if i, ok := c.orgIdx[id]; ok {
		return &c.orgs[i]
	}
	return nil
}

// InfoPages returns the information pages for a need, in file order.
func (c *Catalog) InfoPages(need Need) []InfoPage {
	var out []InfoPage
	for _, p := range c.pages {
		for _, n := range p.Needs {
			if n == need {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
