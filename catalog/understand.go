package catalog

import (
	"strings"
)

// Limits of the sentence reader.
const (
	minTypoLen         = 5   // words this long are recognised with one typo
	maxUnderstandBytes = 500 // longer texts are read up to here
	refusalReach       = 4   // words after "je ne veux pas" that it refuses
	returnReach        = 3   // words after "revenu de" or "natif de" that are an origin
)

// Understanding is what a typed sentence says: a need, a place, who is writing, and the
// words that were recognised, so the bot can say what it understood.
type Understanding struct {
	Need       Need     // "" when the sentence names no need
	Region     string   // region id, "" when it names no place
	Department string   // department id, "" when it names a region only (or nothing)
	Profile    Audience // "" unless the sentence says who the user is
	NeedWord   string   // the need word as the lexicon spells it ("travail")
	PlaceWord  string   // the place as the lexicon names it ("Touba")
}

// HasPlace reports whether the sentence named a place.
func (u Understanding) HasPlace() bool { return u.Region != "" }

// NamesNothing reports whether the sentence named no need, place or profile: it is searched.
func (u Understanding) NamesNothing() bool { return u.Need == "" && u.Region == "" && u.Profile == "" }

// Understand reads a sentence typed by a user with the catalog's lexicon.
func (c *Catalog) Understand(text string) Understanding { return c.Lexicon().Understand(text) }

// token is one word of a sentence, after folding and correction, with its clause.
type token struct {
	word   string
	clause int
}

// lexHit is a lexicon entry found in a sentence at token positions [at, end).
type lexHit struct {
	at, end int
	e       *lexEntry
	off     bool // refused (need words) or an origin (countries, places)
}

// Understand reads a sentence: case, accents and punctuation are ignored, phrases beat
// their words, one typo is forgiven in words of five letters or more.
func (lx *Lexicon) Understand(text string) Understanding {
	toks := lx.tokenize(text)
	hits := lx.scan(toks)
	markScopes(toks, hits)
	var u Understanding
	u.Need, u.NeedWord = pickNeed(hits)
	u.Region, u.Department, u.PlaceWord = pickPlace(hits)
	u.Profile = pickProfile(hits)
	return u
}

// tokenize folds the text clause by clause (commas, full stops, "mais" end a clause) and
// corrects each word to the lexicon's spelling where one typo separates them.
func (lx *Lexicon) tokenize(text string) []token {
	if len(text) > maxUnderstandBytes {
		text = text[:maxUnderstandBytes]
	}
	var out []token
	clause := 0
	for _, part := range strings.FieldsFunc(text, isClauseBreak) {
		for _, w := range strings.Fields(Fold(part)) {
			if w == "mais" || w == "waaye" {
				clause++
			}
			out = append(out, token{word: lx.correct(w), clause: clause})
		}
		clause++
	}
	return out
}

// isClauseBreak reports punctuation that ends a clause.
func isClauseBreak(r rune) bool {
	switch r {
	case ',', '.', ';', '!', '?', ':', '\n', '…':
		return true
	}
	return false
}

// correct returns the lexicon word w stands for: itself when known or short, else the first
// (in sort order) lexicon word with one letter more, or failing that one letter fewer, changed
// or swapped: a letter left out is the likeliest typo.
func (lx *Lexicon) correct(w string) string {
	if len(w) < minTypoLen || lx.tokens[w] || lx.keep[w] {
		return w
	}
	if t := lx.firstOneEdit(w, len(w)+1); t != "" {
		return t
	}
	shorter, same := lx.firstOneEdit(w, len(w)-1), lx.firstOneEdit(w, len(w))
	if best := minWord(shorter, same); best != "" {
		return best
	}
	return w
}

// firstOneEdit is the first token n bytes long one edit away from w, or "".
func (lx *Lexicon) firstOneEdit(w string, n int) string {
	if n >= len(lx.byLen) {
		return ""
	}
	for _, t := range lx.byLen[n] {
		if oneEdit(w, t) {
			return t
		}
	}
	return ""
}

// minWord is the smaller of two words in sort order, "" meaning none.
func minWord(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// scan finds lexicon entries left to right, the longest at each position.
func (lx *Lexicon) scan(toks []token) []lexHit {
	var hits []lexHit
	for i := 0; i < len(toks); {
		e := lx.longest(toks, i)
		if e == nil {
			i++
			continue
		}
		hits = append(hits, lexHit{at: i, end: i + len(e.toks), e: e})
		i += len(e.toks)
	}
	return hits
}

// longest is the longest entry whose words start at toks[i], or nil.
func (lx *Lexicon) longest(toks []token, i int) *lexEntry {
	es := lx.first[toks[i].word]
next:
	for k := range es {
		e := &es[k]
		if i+len(e.toks) > len(toks) {
			continue
		}
		for j, w := range e.toks {
			if toks[i+j].word != w {
				continue next
			}
		}
		return e
	}
	return nil
}

// markScopes marks need words refused by a refusal before them in their clause, countries
// that follow a return word ("revenu d'Espagne") and places that follow an origin word
// ("natif de Touba").
func markScopes(toks []token, hits []lexHit) {
	for _, h := range hits {
		reach := 0
		switch h.e.kind {
		case kRefusal:
			reach = refusalReach
		case kReturn, kOrigin:
			reach = returnReach
		default:
			continue
		}
		for k := range hits {
			o := &hits[k]
			if o.at < h.end || o.at >= h.end+reach || toks[o.at].clause != toks[h.at].clause {
				continue
			}
			switch {
			case h.e.kind == kRefusal && (o.e.kind == kNeed || o.e.kind == kWeak || o.e.kind == kCountry),
				h.e.kind == kReturn && o.e.kind == kCountry,
				h.e.kind == kOrigin && o.e.kind == kPlace:
				o.off = true
			}
		}
	}
}

// pickNeed chooses the need with the most strong words, else the most weak words; refused
// words count only when nothing else is said. Ties go to the need named first.
func pickNeed(hits []lexHit) (Need, string) {
	for _, refused := range []bool{false, true} {
		for _, kinds := range [][]lexKind{{kNeed, kCountry}, {kWeak}} {
			if n, w := countNeeds(hits, refused, kinds); n != "" {
				return n, w
			}
		}
	}
	return "", ""
}

// countNeeds counts the hits of some kinds per need and returns the most named one.
func countNeeds(hits []lexHit, refused bool, kinds []lexKind) (Need, string) {
	var counts [8]int
	var firstWord [8]string
	best := -1
	for _, h := range hits {
		if h.off != refused || !hasKind(kinds, h.e.kind) || (h.e.kind == kCountry && h.off) {
			continue
		}
		i := needIndex(h.e.need)
		counts[i]++
		if firstWord[i] == "" {
			firstWord[i] = h.e.label
		}
		if best < 0 || counts[i] > counts[best] {
			best = i
		}
	}
	if best < 0 {
		return "", ""
	}
	return Needs()[best], firstWord[best]
}

// hasKind reports whether k is one of kinds.
func hasKind(kinds []lexKind, k lexKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// needIndex is the position of a need in Needs().
func needIndex(n Need) int {
	for i, x := range Needs() {
		if x == n {
			return i
		}
	}
	return 0
}

// pickPlace chooses the first department named, else the first region; a place named as an
// origin ("natif de Touba") only when no other is.
func pickPlace(hits []lexHit) (region, dept, word string) {
	for _, origin := range []bool{false, true} {
		for _, h := range hits {
			if h.e.kind == kPlace && h.off == origin && h.e.dept != "" {
				return h.e.region, h.e.dept, h.e.label
			}
		}
		for _, h := range hits {
			if h.e.kind == kPlace && h.off == origin {
				return h.e.region, "", h.e.label
			}
		}
	}
	return "", "", ""
}

// pickProfile is the first profile named; a return word says "returnee".
func pickProfile(hits []lexHit) Audience {
	for _, h := range hits {
		if h.e.kind == kProfile || h.e.kind == kReturn {
			return h.e.profile
		}
	}
	return ""
}
