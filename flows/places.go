package flows

import (
	"strings"
	"unicode"

	"github.com/samayoon/samayoon/catalog"
	"golang.org/x/text/unicode/norm"
)

// isAudience reports whether p is a catalog audience id.
func isAudience(p string) bool {
	for _, a := range catalog.Audiences() {
		if string(a) == p {
			return true
		}
	}
	return false
}

// isNeed reports whether n is a catalog need id.
func isNeed(n string) bool {
	for _, x := range catalog.Needs() {
		if string(x) == n {
			return true
		}
	}
	return false
}

// geo is the bundled reference list of regions and departments, built once per Engine
// because catalog.Regions rebuilds it on every call.
type geo struct {
	regions []catalog.Region
	region  map[string]int
	dept    map[string]catalog.Department
}

// newGeo indexes catalog.Regions.
func newGeo() *geo {
	g := &geo{regions: catalog.Regions(), region: map[string]int{}, dept: map[string]catalog.Department{}}
	for i, r := range g.regions {
		g.region[r.ID] = i
		for _, d := range r.Departments {
			g.dept[d.ID] = d
		}
	}
	return g
}

// regionByID finds a region.
func (g *geo) regionByID(id string) (catalog.Region, bool) {
	i, ok := g.region[id]
	if !ok {
		return catalog.Region{}, false
	}
	return g.regions[i], true
}

// isRegion reports whether r is one of the 14 region ids.
func (g *geo) isRegion(r string) bool {
	_, ok := g.region[r]
	return ok
}

// isDeptOf reports whether d is a department of region r.
func (g *geo) isDeptOf(d, r string) bool {
	dep, ok := g.dept[d]
	return ok && dep.Region == r
}

// regionOf is the region of a department id, or "".
func (g *geo) regionOf(d string) string { return g.dept[d].Region }

// regionName is the display name of a region id, or the id itself.
func (g *geo) regionName(id string) string {
	if r, ok := g.regionByID(id); ok {
		return r.Name
	}
	return id
}

// deptName is the display name of a department id, or the id itself.
func (g *geo) deptName(id string) string {
	if d, ok := g.dept[id]; ok {
		return d.Name
	}
	return id
}

// fold lowers case, strips accents and squeezes punctuation to spaces, so that typed labels
// compare equal to button labels whatever the keyboard ("francais" = "Français").
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(foldRune(unicode.ToLower(r)))
		default:
			space = true
		}
	}
	return b.String()
}

// foldRune maps letters NFD cannot decompose (Wolof ŋ) to close ASCII spellings.
func foldRune(r rune) rune {
	if r == 'ŋ' {
		return 'n'
	}
	return r
}
