package flows

import (
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// Choice ids that are not answers.
const (
	idBack       = "back"
	idRestart    = "restart"
	idMore       = "more"
	idAgain      = "again"
	idForgetYes  = "forget:yes"
	idForgetNo   = "forget:no"
	idLocate     = "locate"
	idOtherPlace = "place"  // results: ask the place again
	idNarrow     = "narrow" // results shown for every audience: ask who the user is
)

// choice applies a button press; ids not offered by the current question are stale or forged
// and only re-ask it, except offer and page ids, which search hits show from any question.
func (t *turn) choice(id string) []Reply {
	if !t.offered(id) && !t.anywhere(id) {
		return []Reply{t.note("stale_hint")}
	}
	kind, value, _ := strings.Cut(id, ":")
	switch kind {
	case "l":
		t.s.Lang = value
		t.langChanged = true
		t.answered()
		return []Reply{t.note("lang_set")}
	case "p":
		t.s.Profile, t.s.Everyone = value, false
		t.answered()
		return nil
	case "r":
		return t.place(value, "")
	case "d":
		return t.place(t.s.Region, value)
	case "n":
		t.s.Need = value
		t.answered()
		return nil
	case "o":
		t.count(StatDetails + value)
		t.s.Offer, t.s.FeedbackGiven = value, false
		t.fire(evDetails)
		return nil
	case "i":
		t.s.Offer, t.s.FeedbackGiven = value, false
		t.fire(evPage)
		return nil
	case "pb":
		if value != "" {
			return t.problem(value)
		}
	case "h":
		return t.handoffChoice(id)
	case "a":
		return t.alertChoice(id)
	}
	return t.control(id)
}

// control applies the navigation, feedback and forget ids.
func (t *turn) control(id string) []Reply {
	switch id {
	case idBack:
		t.goBack()
	case idRestart:
		t.restart()
	case idMore:
		t.fire(evOtherNeed)
	case idOtherPlace:
		t.s.Region, t.s.Department, t.s.Point = "", "", nil
		t.fire(evOtherArea)
	case idNarrow:
		t.s.Everyone = false
		t.fire(evNarrow)
	case idAgain:
	case idUseful, idNotUseful:
		return t.useful(id == idUseful)
	case idProblem:
		t.fire(evReport)
	case idLocate:
		return []Reply{t.locatePrompt()}
	case idForgetYes:
		if !t.forgetAlerts() {
			return []Reply{t.note("unavailable")}
		}
		t.erase = true
		done := t.note("forget_done")
		done.Choices = [][]Choice{{t.button(idRestart, "choice_restart")}}
		return []Reply{done}
	case idForgetNo:
		t.fire(evResume)
		return []Reply{t.note("forget_kept")}
	}
	return nil
}

// offered reports whether the current question shows a button with this id.
func (t *turn) offered(id string) bool {
	for _, row := range t.choicesIn(t.lang()) {
		for _, c := range row {
			if c.ID == id {
				return true
			}
		}
	}
	return false
}

// anywhere accepts detail and page ids of the current catalog outside the forget question.
func (t *turn) anywhere(id string) bool {
	if t.s.State == stForget || t.inHandoff() || len(id) > MaxChoiceIDLen {
		return false
	}
	if isAlertID(id) {
		return id != idAlertOn // subscribing needs the results page it was pressed on
	}
	if v, ok := strings.CutPrefix(id, "o:"); ok {
		_, _, found := t.cat.Offer(v)
		return found
	}
	if v, ok := strings.CutPrefix(id, "i:"); ok {
		return (t.s.State == stResults || t.s.State == stInfo || t.s.State == stDetails) && t.page(v) != nil
	}
	return id == idAgain || id == idRestart
}

// page finds an information page by id among those of every need.
func (t *turn) page(id string) *catalog.InfoPage {
	for _, n := range catalog.Needs() {
		for _, p := range t.cat.InfoPages(n) {
			if p.ID == id {
				return &p
			}
		}
	}
	return nil
}

// search shows catalog hits for typed text like results, or a hint and the current question.
func (t *turn) search(text string) []Reply {
	return t.hitsReply(t.cat.Search(text, t.now, maxResults))
}

// hitsReply lists search hits with their detail buttons, or says nothing was found.
func (t *turn) hitsReply(hits []catalog.Result) []Reply {
	if len(hits) == 0 {
		return []Reply{t.note("search_none")}
	}
	if len(hits) > maxResults {
		hits = hits[:maxResults]
	}
	intro := t.e.plural(t.lang(), "search_intro", map[string]any{"Count": len(hits)}, len(hits))
	list := spellOut(intro+"\n\n"+t.items(hits, 1), t.cat.Acronyms()) // "ESS (Espaces Sénégal Services)" as on results pages
	r := Reply{Text: list + "\n\n" + t.e.text(t.lang(), "results_pick", nil)}
	r.Choices = append(t.detailRows(hits, 1), []Choice{t.button(idAgain, "choice_continue")})
	return []Reply{r}
}
