package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// Acronym is an organisation's short name and the long form a page spells out once, since
// many readers do not know what "BAOS" or "3FPT" stand for.
type Acronym struct {
	Short string // e.g. "ANPEJ"
	Long  string // e.g. "Agence nationale pour la promotion de l'emploi des jeunes"
}

// newAcronyms lists the organisations' acronyms, longest first so "ARD Diourbel" is found
// before a shorter one; a name that already carries "(SHORT)" loses it in the long form.
func newAcronyms(orgs []Organization) []Acronym {
	var out []Acronym
	seen := map[string]bool{}
	for _, o := range orgs {
		long := o.LongName()
		if o.Acronym == "" || long == "" || long == o.Acronym || seen[o.Acronym] {
			continue
		}
		seen[o.Acronym] = true
		out = append(out, Acronym{Short: o.Acronym, Long: long})
	}
	slices.SortStableFunc(out, func(a, b Acronym) int { return cmp.Compare(len(b.Short), len(a.Short)) })
	return out
}

// Acronyms returns the organisations' acronyms, longest first; the slice is shared: do not modify it.
func (c *Catalog) Acronyms() []Acronym { return c.acronyms }

// LongName is the organisation's name without its "(ACRONYM)", the form that spells it out.
func (o *Organization) LongName() string {
	if o.Acronym == "" {
		return o.Name
	}
	return strings.Join(strings.Fields(strings.Replace(o.Name, "("+o.Acronym+")", "", 1)), " ")
}
