package catalog

import (
	"cmp"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

// Weights of where a search word was found; a name hit outranks anything else.
const (
	wNeed    = 2
	wSummary = 3
	wKeyword = 5
	wOrg     = 6
	wName    = 10
)

// posting says that an offer contains a term with a weight.
type posting struct {
	offer  int32
	weight int8
}

// searchIndex is an inverted index over folded words, built once per catalog (read-only after).
type searchIndex struct {
	n     int
	terms map[string][]posting
	byLen [][]string // indexed words of 4+ letters by length, for one-typo lookups
}

// newSearchIndex indexes offer names, organizations, keywords, summaries and needs.
func newSearchIndex(offers []Offer, orgs []Organization, orgIdx map[string]int) searchIndex {
	ix := searchIndex{n: len(offers), terms: map[string][]posting{}}
	best := map[string]int8{}
	for i := range offers {
		o := &offers[i]
		clear(best)
		add := func(w int8, texts ...string) {
			for _, t := range texts {
				for _, tok := range strings.Fields(Fold(t)) {
					if best[tok] < w {
						best[tok] = w
					}
				}
			}
		}
		add(wName, o.Name.Fr, o.Name.Wo)
		if j, ok := orgIdx[o.Org]; ok {
			add(wOrg, orgs[j].Name, orgs[j].Acronym)
		}
		add(wKeyword, o.Keywords.Fr...)
		add(wKeyword, o.Keywords.Wo...)
		add(wSummary, o.Summary.Fr, o.Summary.Wo)
		for _, n := range o.Needs {
			add(wNeed, string(n))
		}
		for tok, w := range best {
			ix.terms[tok] = append(ix.terms[tok], posting{int32(i), w})
		}
	}
	ix.byLen = wordsByLen(maps.Keys(ix.terms), 4)
	return ix
}

// Search finds active, open offers matching free text typed by a user: accent- and
// case-insensitive, French and Wolof synonyms, one typo allowed in words of 5+ letters;
// offers whose name matches rank first. limit <= 0 means no limit.
func (c *Catalog) Search(text string, now time.Time, limit int) []Result {
	words := queryWords(text)
	if len(words) == 0 {
		return nil
	}
	total := make([]int32, c.search.n)
	tokBest := make([]int8, c.search.n)
	var touched, all []int32
	for _, w := range words {
		touched = c.search.scoreWord(w, tokBest, touched[:0])
		for _, i := range touched {
			if total[i] == 0 {
				all = append(all, i)
			}
			total[i] += int32(tokBest[i])
			tokBest[i] = 0
		}
	}
	day := dayNum(now)
	hits := all[:0]
	for _, i := range all {
		if c.meta[i].openOn(day) {
			hits = append(hits, i)
		}
	}
	hits = topHits(hits, total, limit)
	out := make([]Result, len(hits))
	for j, i := range hits {
		o := &c.offers[i]
		out[j] = Result{Offer: o, Org: c.org(o.Org), Scope: areaScope(o.Area), DistanceKm: -1}
	}
	return out
}

// topHits orders offer indexes by score (then file order) and keeps the first limit
// (all when limit <= 0); with a limit it selects without sorting everything.
func topHits(hits []int32, total []int32, limit int) []int32 {
	better := func(a, b int32) bool {
		return total[a] > total[b] || (total[a] == total[b] && a < b)
	}
	if limit <= 0 || len(hits) <= limit {
		slices.SortFunc(hits, func(a, b int32) int {
			if c := cmp.Compare(total[b], total[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		return hits
	}
	top := make([]int32, 0, limit)
	for _, h := range hits {
		if len(top) == limit && !better(h, top[limit-1]) {
			continue
		}
		if len(top) < limit {
			top = append(top, h)
		} else {
			top[limit-1] = h
		}
		for j := len(top) - 1; j > 0 && better(top[j], top[j-1]); j-- {
			top[j], top[j-1] = top[j-1], top[j]
		}
	}
	return top
}

// wordsByLen groups the words at least minLen bytes long by length, each group sorted: a typed
// word is compared with the words one byte shorter, as long and one longer, which costs a
// few microseconds and far less memory than a map of every word minus each of its letters.
func wordsByLen(words iter.Seq[string], minLen int) [][]string {
	var out [][]string
	for w := range words {
		if len(w) < minLen {
			continue
		}
		for len(out) <= len(w) {
			out = append(out, nil)
		}
		out[len(w)] = append(out[len(w)], w)
	}
	for _, ws := range out {
		slices.Sort(ws)
	}
	return out
}

// scoreWord records in best the weight each offer earns for one query word, returning the
// offers it touched.
func (ix *searchIndex) scoreWord(w string, best []int8, touched []int32) []int32 {
	hit := func(term string, penalty int8) {
		for _, p := range ix.terms[term] {
			wt := p.weight - penalty
			if best[p.offer] == 0 {
				touched = append(touched, p.offer)
			}
			if wt > best[p.offer] {
				best[p.offer] = wt
			}
		}
	}
	hit(w, 0)
	if syn, ok := synonym(w); ok && syn != w {
		hit(syn, 1)
	}
	if len(w) >= 5 {
		for n := len(w) - 1; n <= len(w)+1 && n < len(ix.byLen); n++ {
			for _, term := range ix.byLen[n] {
				if term != w && oneEdit(w, term) { // a letter left out, too many, changed or swapped
					hit(term, 1)
				}
			}
		}
	}
	return touched
}

// areaScope is the scope of an offer when no place is known.
func areaScope(a Area) Scope {
	switch {
	case a.National:
		return ScopeNational
	case len(a.Regions) > 0:
		return ScopeRegional
	}
	return ScopeLocal
}

// queryWords folds a query and drops short and common words.
func queryWords(text string) []string {
	if len(text) > 500 {
		text = text[:500]
	}
	var out []string
	for _, w := range strings.Fields(Fold(text)) {
		if len(w) >= 3 && !stopword(w) && len(out) < 12 {
			out = append(out, w)
		}
	}
	return out
}

// stopword reports common French and Wolof words that carry no search meaning.
func stopword(w string) bool {
	switch w {
	case "les", "des", "une", "pour", "dans", "avec", "est", "qui", "que", "quoi", "comment",
		"mon", "mes", "ton", "vous", "nous", "suis", "veux", "voudrais", "cherche", "besoin",
		"aux", "sur", "par", "pas", "plus", "bonjour", "merci", "dama", "bëgg", "begg", "ngir",
		"naka", "nanga", "def", "nga", "yow", "man", "ak":
		return true
	}
	return false
}

// synonym maps a French or Wolof word to the need id it stands for.
func synonym(w string) (string, bool) {
	switch w {
	case "travail", "travailler", "job", "boulot", "liggeey", "ligeey", "emplois", "embauche", "chomage", "stage":
		return "emploi", true
	case "apprendre", "apprentissage", "metier", "jang", "ecole", "diplome", "formations", "former":
		return "formation", true
	case "argent", "credit", "pret", "financer", "projet", "entreprise", "xaalis", "business", "commerce", "financements":
		return "financement", true
	case "malade", "maladie", "hopital", "docteur", "medecin", "psychologue", "stress", "opital", "feebar", "wergiyaram":
		return "sante", true
	case "papier", "passeport", "identite", "naissance", "civil", "kayit", "documents", "cni":
		return "papiers", true
	case "visa", "voyage", "voyager", "partir", "tukki", "europe", "barca", "barsa", "pirogue", "gaal", "migrer", "immigration", "emigration":
		return "migration", true
	case "parler", "ecoute", "ecouter", "waxtaan", "conseil", "conseiller", "aide", "soutien":
		return "parler", true
	}
	return "", false
}

// oneEdit reports whether a and b differ by one insertion, deletion, substitution or swap
// of adjacent letters (Damerau-Levenshtein distance 1, optimal string alignment).
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return len(b)-len(a) == 1
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}
