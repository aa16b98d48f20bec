package flows

import (
	"github.com/samayoon/samayoon/catalog"
)

// maxResults is how many offers one results page lists.
const maxResults = 5

// render is the current question (or results, details, page), in the reply language.
func (t *turn) render() []Reply { return []Reply{t.current()} }

// choicesIn is the current question's buttons in lang, for label matching and stale checks;
// the menu questions' buttons are built without their text (every button press checks them).
func (t *turn) choicesIn(lang string) [][]Choice {
	if cs, ok := t.menuChoices(lang); ok {
		return cs
	}
	return t.otherQuestion(lang).Choices
}

// question builds the reply for the current state in lang.
func (t *turn) question(lang string) Reply {
	if cs, ok := t.menuChoices(lang); ok {
		return Reply{Text: t.menuText(lang), Choices: cs}
	}
	return t.otherQuestion(lang)
}

// otherQuestion is the reply of a state that is not a fixed menu (see menuChoices).
func (t *turn) otherQuestion(lang string) Reply {
	switch t.s.State {
	case stResults:
		return t.results(lang)
	case stDetails:
		return t.details(lang)
	case stInfo:
		return t.info(lang)
	case stProblem:
		return t.problemQuestion(lang)
	}
	return t.handoffQuestion(lang) // stConsent, stWrite, stThread
}

// menuChoices are the buttons of the questions that are a fixed menu (language, who, where,
// need, forget), with the back / start-again row where it is shown; false for other states.
// They come from the engine's menus (read-only) when it has them.
func (t *turn) menuChoices(lang string) ([][]Choice, bool) {
	if cs, ok := t.e.menus[t.menuKeyOf(lang)]; ok {
		return cs, true
	}
	return t.buildMenu(lang)
}

// buildMenu builds menuChoices; an unknown state asks the language again.
func (t *turn) buildMenu(lang string) ([][]Choice, bool) {
	switch t.s.State {
	case stResults, stDetails, stInfo, stProblem, stConsent, stWrite, stThread:
		return nil, false
	case stProfile:
		return append(rows(t.audienceChoices(lang), 2), t.nav(lang)), true
	case stRegion:
		return t.regionChoices(lang), true
	case stDept:
		return append(rows(t.deptChoices(), 3), t.nav(lang)), true
	case stNeed:
		return append(rows(t.needChoices(lang), 2), t.nav(lang)), true
	case stForget:
		return [][]Choice{{t.buttonIn(lang, idForgetYes, "choice_yes"), t.buttonIn(lang, idForgetNo, "choice_no")}}, true
	default:
		return [][]Choice{{{ID: "l:fr", Label: t.e.text(lang, "lang_fr", nil)}, {ID: "l:wo", Label: t.e.text(lang, "lang_wo", nil)}}}, true
	}
}

// menuText is the text of a menu question (see menuChoices).
func (t *turn) menuText(lang string) string {
	switch t.s.State {
	case stProfile:
		return t.e.text(lang, "profile_question", nil)
	case stRegion:
		return t.e.text(lang, "region_question", nil)
	case stDept:
		reg, _ := t.e.geo.regionByID(t.s.Region)
		return t.e.textVar(lang, "dept_question", "Region", reg.Name)
	case stNeed:
		return t.e.text(lang, "need_question", nil)
	case stForget:
		return t.e.text(lang, "forget_question", nil)
	}
	return t.e.text(lang, "lang_question", nil)
}

// ask is a question with its answer rows and the back / start-again row.
func (t *turn) ask(lang, id string, data map[string]any, answers [][]Choice) Reply {
	return Reply{Text: t.e.text(lang, id, data), Choices: append(answers, t.nav(lang))}
}

// nav is the back / start-again row shown under every question.
func (t *turn) nav(lang string) []Choice {
	return []Choice{t.buttonIn(lang, idBack, "choice_back"), t.buttonIn(lang, idRestart, "choice_restart")}
}

// button is a choice labelled with a message in the reply language.
func (t *turn) button(id, msg string) Choice { return t.buttonIn(t.lang(), id, msg) }

// buttonIn is a choice labelled with a message in lang.
func (t *turn) buttonIn(lang, id, msg string) Choice {
	return Choice{ID: id, Label: t.e.text(lang, msg, nil)}
}

// audienceChoices are the "who are you" answers.
func (t *turn) audienceChoices(lang string) []Choice {
	var cs []Choice
	for _, a := range catalog.Audiences() {
		cs = append(cs, t.buttonIn(lang, "p:"+string(a), "audience_"+string(a)))
	}
	return cs
}

// needChoices are the needs, each with its emoji icon.
func (t *turn) needChoices(lang string) []Choice {
	var cs []Choice
	for _, n := range catalog.Needs() {
		cs = append(cs, t.buttonIn(lang, "n:"+string(n), "need_"+string(n)))
	}
	return cs
}

// regionChoices are the 14 regions in rows of 3, then, where the channel can, a button that
// asks for the location (the reply keyboard that shares it is sent only to those who press
// it, so the others get one message less and keep their own keyboard for typing), then the
// back / start-again row.
func (t *turn) regionChoices(lang string) [][]Choice {
	var cs []Choice
	for _, r := range t.e.geo.regions {
		cs = append(cs, Choice{ID: "r:" + r.ID, Label: r.Name})
	}
	out := rows(cs, 3)
	if t.chat.CanLocate {
		out = append(out, []Choice{t.buttonIn(lang, idLocate, "location_button")})
	}
	return append(out, t.nav(lang))
}

// locatePrompt shows the share-location reply keyboard; the region question above it stays
// answerable.
func (t *turn) locatePrompt() Reply {
	label := t.e.text(t.lang(), "location_button", nil)
	return Reply{Text: t.e.textVar(t.lang(), "location_prompt", "Button", label),
		AskLocation: true, LocationLabel: label}
}

// deptChoices are the departments of the chosen region.
func (t *turn) deptChoices() []Choice {
	reg, _ := t.e.geo.regionByID(t.s.Region)
	var cs []Choice
	for _, d := range reg.Departments {
		cs = append(cs, Choice{ID: "d:" + d.ID, Label: d.Name})
	}
	return cs
}

// rows cuts choices into rows of at most n buttons.
func rows(cs []Choice, n int) [][]Choice {
	var out [][]Choice
	for len(cs) > n {
		out = append(out, cs[:n:n])
		cs = cs[n:]
	}
	if len(cs) > 0 {
		out = append(out, cs)
	}
	return out
}
