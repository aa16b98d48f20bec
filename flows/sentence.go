package flows

import (
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// sentenceStates are the questions after the language, and the pages after the questions,
// where a typed sentence is read for a need, a place and who the user is.
func sentenceStates() []string {
	return []string{stProfile, stRegion, stDept, stNeed, stResults, stDetails, stInfo}
}

// sentence applies a typed sentence: the need and place it names are filled whatever the
// question ("formation à Bambey" at the need question is training in Bambey), the profile
// when it was not answered yet; then come the results when the place and need are known,
// else only the first question still open. An unknown profile is passed over: the results
// are for every audience, with a button to narrow them. A sentence that names nothing is
// searched within the known place and need. ok is false where sentences are not read
// (forget, handoff), and for a sentence naming nothing before the language is chosen.
func (t *turn) sentence(text string) ([]Reply, bool) {
	if t.s.Lang == "" && t.s.State == stLang {
		return t.sentenceFirst(text)
	}
	if t.s.Lang == "" || !contains(sentenceStates(), t.s.State) {
		return nil, false
	}
	u := t.cat.Understand(text)
	if t.s.Profile != "" {
		u.Profile = "" // who the user is was answered: a sentence about others must not change it
	}
	if u.NamesNothing() {
		return t.narrowSearch(text), true
	}
	t.remember(u)
	t.fire(t.sentenceEvent())
	line := Reply{Text: t.understood(t.lang(), u)}
	if t.s.State != stResults {
		return []Reply{line}, true // merged into the question that follows by finish
	}
	r := t.current()
	r.Text = line.Text + "\n\n" + r.Text
	return []Reply{r}, true
}

// sentenceFirst reads a sentence typed before a language was chosen (often the first
// message): what it names is kept and the language question stays, so one press on a
// language leads to the results, or to the first question still open, in that language.
func (t *turn) sentenceFirst(text string) ([]Reply, bool) {
	u := t.cat.Understand(text)
	if u.NamesNothing() {
		return nil, false // searched, as before
	}
	t.remember(u)
	return []Reply{{Text: t.understood(t.lang(), u)}}, true
}

// remember keeps the answers a sentence names; without a profile the results are for every
// audience, with a button to narrow them.
func (t *turn) remember(u catalog.Understanding) {
	if u.Profile != "" {
		t.s.Profile = string(u.Profile)
	}
	if u.Region != "" {
		t.s.Region, t.s.Department, t.s.Point = u.Region, u.Department, nil
	}
	if u.Need != "" {
		t.s.Need = string(u.Need)
	}
	t.s.Everyone = t.s.Profile == ""
}

// sentenceEvent moves on from a sentence: answer when every question up to the one on
// screen is known (one step forward, the usual case), else typed-sentence (from the top).
func (t *turn) sentenceEvent() string {
	for _, st := range []string{stLang, stProfile, stRegion, stDept, stNeed} {
		if !t.known(st) {
			return evSentence
		}
		if st == t.s.State {
			return evAnswer
		}
	}
	return evSentence
}

// understood says in one line what the sentence named: "Emploi à Mbacké (Touba)"; cached,
// since it is made of code, catalog and lexicon words only.
func (t *turn) understood(lang string, u catalog.Understanding) string {
	key := lang + "\x00understood\x00" + string(u.Need) + "\x00" + string(u.Profile) + "\x00" + u.Department + "\x00" + u.Region + "\x00" + u.PlaceWord
	if s, ok := t.e.oneVar.Load(key); ok {
		return s.(string)
	}
	s := t.understoodLine(lang, u)
	if t.e.oneVars.Load() < maxOneVar {
		if _, loaded := t.e.oneVar.LoadOrStore(key, s); !loaded {
			t.e.oneVars.Add(1)
		}
	}
	return s
}

// understoodLine builds the understood line.
func (t *turn) understoodLine(lang string, u catalog.Understanding) string {
	var what string
	switch {
	case u.Need != "":
		what = t.e.text(lang, "need_"+string(u.Need), nil)
	case u.Region == "":
		what = t.e.text(lang, "audience_"+string(u.Profile), nil)
	}
	if u.Region == "" {
		return t.e.text(lang, "understood", map[string]any{"What": what})
	}
	place := t.e.geo.regionName(u.Region)
	if u.Department != "" {
		place = t.e.geo.deptName(u.Department)
	}
	switch word := fold(u.PlaceWord); {
	case strings.HasPrefix(word, fold(place)): // "Diourbel ville"
		place = u.PlaceWord
	case word != "":
		place += " (" + u.PlaceWord + ")" // "Mbacké (Touba)"
	}
	if what == "" {
		return t.e.text(lang, "understood", map[string]any{"What": place})
	}
	return t.e.text(lang, "understood_at", map[string]any{"What": what, "Place": place})
}

// foldLabel is fold for button labels (code and catalog text only), cached: typed text is
// compared with every label of the question.
func (e *Engine) foldLabel(label string) string {
	if s, ok := e.folded.Load(label); ok {
		return s.(string)
	}
	s := fold(label)
	if e.foldeds.Load() < maxOneVar {
		if _, loaded := e.folded.LoadOrStore(label, s); !loaded {
			e.foldeds.Add(1)
		}
	}
	return s
}

// narrowSearch searches the catalog for a sentence that names no need or place, keeping the
// hits that serve the place and need already answered when some do.
func (t *turn) narrowSearch(text string) []Reply {
	hits := t.cat.Search(text, t.now, 0)
	if t.s.Region != "" || t.s.Need != "" {
		served := map[string]bool{}
		for _, m := range t.cat.Match(t.query(0)) {
			served[m.Offer.ID] = true
		}
		var kept []catalog.Result
		for _, h := range hits {
			if served[h.Offer.ID] {
				kept = append(kept, h)
			}
		}
		if len(kept) > 0 {
			hits = kept
		}
	}
	return t.hitsReply(hits)
}

// everyoneRows are the results' extra rows when the profile is unknown: a line saying so
// and the button that asks it.
func (t *turn) everyoneRows(lang string) (string, [][]Choice) {
	if t.s.Profile != "" {
		return "", nil
	}
	b := t.buttonIn(lang, idNarrow, "choice_narrow")
	return t.e.textVar(lang, "results_everyone", "Button", b.Label), [][]Choice{{b}}
}
