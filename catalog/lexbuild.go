package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// lexKind says what a lexicon entry means.
type lexKind uint8

// The kinds of lexicon entries.
const (
	kNeed    lexKind = iota + 1 // a strong need word
	kWeak                       // a weak need word
	kCountry                    // a destination: migration, unless after a return word
	kReturn                     // "revenu de": what follows is an origin; the user is a returnee
	kRefusal                    // "je ne veux pas": the need words that follow are refused
	kProfile                    // who the user is
	kPlace                      // a region or a department
	kOrigin                     // "natif de": the place that follows is where the user comes from
)

// lexMeaning is what a spelling stands for; two spellings conflict when meanings differ.
type lexMeaning struct {
	kind         lexKind
	need         Need
	profile      Audience
	region, dept string
}

// lexEntry is one spelling, as folded tokens, with its meaning and the label to show.
type lexEntry struct {
	toks  []string
	label string
	lexMeaning
}

// newLexicon prepares an empty lexicon.
func newLexicon(name string) *Lexicon {
	return &Lexicon{name: name, first: map[string][]lexEntry{}, tokens: map[string]bool{}, keep: map[string]bool{}}
}

// lexBuilder fills a lexicon, remembering where each spelling was written to report conflicts.
type lexBuilder struct {
	lx    *Lexicon
	d     *decoder
	known map[string]lexMeaning
	where map[string]string // spelling key -> "ligne N" or "la liste des lieux du Sénégal"
}

// fill validates the model and indexes every spelling.
func (lx *Lexicon) fill(d *decoder, m *lexiconModel) {
	b := &lexBuilder{lx: lx, d: d, known: map[string]lexMeaning{}, where: map[string]string{}}
	if m.Version != 1 {
		b.problem("version", "version inconnue « %d » : écrivez version: 1", m.Version)
	}
	b.reference()
	b.needs(m.Needs)
	b.list("countries", m.Countries, lexMeaning{kind: kCountry, need: NeedMigration})
	b.list("returns", m.Returns, lexMeaning{kind: kReturn, profile: AudienceReturnee})
	b.list("refusals", m.Refusals, lexMeaning{kind: kRefusal})
	b.list("origins", m.Origins, lexMeaning{kind: kOrigin})
	b.profiles(m.Profiles)
	for i, w := range m.NeverCorrected {
		for _, tok := range spellingKey(w) {
			lx.keep[tok] = true
		}
		if len(spellingKey(w)) != 1 {
			b.problem(fmt.Sprintf("never_corrected[%d]", i), "« %s » : écrivez un seul mot par ligne ici", w)
		}
	}
	b.places(m.Places)
	lx.index()
}

// problem records a problem at the position of a path such as "needs[2].words[4]".
func (b *lexBuilder) problem(path, format string, args ...any) {
	p, ok := b.d.lookup(path)
	if !ok {
		p = pos{1, 1}
	}
	b.d.problemAt(p, format, args...)
}

// reference adds the names of the bundled list of regions and departments; a department named
// like its region ("Diourbel") is left to the lexicon, since the name alone means the region.
func (b *lexBuilder) reference() {
	for _, r := range Regions() {
		for _, n := range append([]string{r.Name, r.ID}, r.Aliases...) {
			b.add("", n, refLabel(n, r.ID, r.Name), lexMeaning{kind: kPlace, region: r.ID})
		}
		for _, dep := range r.Departments {
			if Fold(dep.Name) == Fold(r.Name) {
				continue
			}
			for _, n := range append([]string{dep.Name, dep.ID}, dep.Aliases...) {
				b.add("", n, refLabel(n, dep.ID, dep.Name), lexMeaning{kind: kPlace, region: r.ID, dept: dep.ID})
			}
		}
	}
}

// refLabel is how a name of the bundled list is shown: as written, except an id.
func refLabel(n, id, name string) string {
	if n == id {
		return name
	}
	return n
}

// needs adds the need words, strong and weak.
func (b *lexBuilder) needs(ns []needWords) {
	seen := map[Need]bool{}
	for i, n := range ns {
		path := fmt.Sprintf("needs[%d]", i)
		if !slices.Contains(Needs(), n.Need) {
			b.problem(path+".need", "besoin inconnu « %s » : choisissez parmi %s", n.Need, needList())
			continue
		}
		if seen[n.Need] {
			b.problem(path+".need", "le besoin « %s » est déjà décrit plus haut : mettez tous ses mots dans un seul bloc", n.Need)
		}
		seen[n.Need] = true
		b.list(path+".words", n.Words, lexMeaning{kind: kNeed, need: n.Need})
		b.list(path+".weak", n.Weak, lexMeaning{kind: kWeak, need: n.Need})
	}
}

// profiles adds the words that say who the user is.
func (b *lexBuilder) profiles(ps []profileWords) {
	for i, p := range ps {
		path := fmt.Sprintf("profiles[%d]", i)
		if !slices.Contains(Audiences(), p.Profile) {
			b.problem(path+".profile", "profil inconnu « %s » : choisissez parmi retour, jeune, famille, autre", p.Profile)
			continue
		}
		b.list(path+".words", p.Words, lexMeaning{kind: kProfile, profile: p.Profile})
	}
}

// places adds the place names and their spellings.
func (b *lexBuilder) places(ps []placeSpelling) {
	for i, p := range ps {
		path := fmt.Sprintf("places[%d]", i)
		mean, ok := b.placeMeaning(path, p)
		if !ok {
			continue
		}
		b.add(path+".name", p.Name, p.Name, mean)
		for j, s := range p.Spellings {
			b.add(fmt.Sprintf("%s.spellings[%d]", path, j), s, p.Name, mean)
		}
	}
}

// placeMeaning checks that a place names exactly one known region or department.
func (b *lexBuilder) placeMeaning(path string, p placeSpelling) (lexMeaning, bool) {
	switch {
	case p.Region != "" && p.Department != "":
		b.problem(path, "« %s » : donnez region OU department, pas les deux (la région se déduit du département)", p.Name)
	case p.Region == "" && p.Department == "":
		b.problem(path, "« %s » : indiquez la région (region: diourbel) ou le département (department: mbacke)", p.Name)
	case p.Region != "":
		if _, ok := RegionByID(p.Region); !ok {
			b.problem(path+".region", "région inconnue « %s » : utilisez l'identifiant sans accent, par exemple diourbel, thies, saint-louis", p.Region)
			return lexMeaning{}, false
		}
		return lexMeaning{kind: kPlace, region: p.Region}, true
	default:
		dep, ok := DepartmentByID(p.Department)
		if !ok {
			b.problem(path+".department", "département inconnu « %s » : utilisez l'identifiant sans accent, par exemple mbacke, bambey, nioro-du-rip", p.Department)
			return lexMeaning{}, false
		}
		return lexMeaning{kind: kPlace, region: dep.Region, dept: dep.ID}, true
	}
	return lexMeaning{}, false
}

// list adds every word of a list with one meaning.
func (b *lexBuilder) list(path string, words []string, mean lexMeaning) {
	for i, w := range words {
		b.add(fmt.Sprintf("%s[%d]", path, i), w, w, mean)
	}
}

// add indexes one spelling; path "" marks the bundled list of places (no line to show).
func (b *lexBuilder) add(path, spelling, label string, mean lexMeaning) {
	toks := spellingKey(spelling)
	if len(toks) == 0 {
		b.problem(path, "mot vide ou sans aucune lettre : retirez cette ligne")
		return
	}
	key := strings.Join(toks, " ")
	if old, ok := b.known[key]; ok {
		if old != mean {
			b.problem(path, "« %s » veut déjà dire %s (%s) : un mot ne peut avoir qu'un sens", spelling, describe(old), b.where[key])
		} else if path != "" {
			b.relabel(toks, label) // the lexicon names a place of the bundled list its own way
		}
		return
	}
	b.known[key] = mean
	b.where[key] = "la liste des lieux du Sénégal"
	if path != "" {
		p, _ := b.d.lookup(path)
		b.where[key] = fmt.Sprintf("ligne %d", p.line)
	}
	b.lx.first[toks[0]] = append(b.lx.first[toks[0]], lexEntry{toks: toks, label: label, lexMeaning: mean})
	b.lx.entries++
}

// relabel sets the label of the entry spelled toks.
func (b *lexBuilder) relabel(toks []string, label string) {
	es := b.lx.first[toks[0]]
	for i := range es {
		if slices.Equal(es[i].toks, toks) {
			es[i].label = label
		}
	}
}

// describe says in French what a meaning is, for conflict messages.
func describe(m lexMeaning) string {
	switch m.kind {
	case kNeed, kWeak:
		return "le besoin « " + string(m.need) + " »"
	case kCountry:
		return "un pays de destination"
	case kReturn:
		return "un mot de retour"
	case kRefusal:
		return "un refus"
	case kOrigin:
		return "un mot d'origine"
	case kProfile:
		return "le profil « " + string(m.profile) + " »"
	case kPlace:
		if m.dept != "" {
			return "le département « " + m.dept + " »"
		}
		return "la région « " + m.region + " »"
	}
	return "autre chose"
}

// needList names the needs for messages.
func needList() string {
	var out []string
	for _, n := range Needs() {
		out = append(out, string(n))
	}
	return strings.Join(out, ", ")
}

// index orders each token's entries longest first and builds the one-typo index.
func (lx *Lexicon) index() {
	for tok, es := range lx.first {
		slices.SortStableFunc(es, func(a, b lexEntry) int { return len(b.toks) - len(a.toks) })
		lx.first[tok] = es
	}
	for _, es := range lx.first {
		for _, e := range es {
			for _, tok := range e.toks {
				lx.tokens[tok] = true
			}
		}
	}
	lx.byLen = wordsByLen(maps.Keys(lx.tokens), minTypoLen)
}
