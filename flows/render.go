package flows

import (
	"github.com/samayoon/samayoon/catalog"
)

// maxResults is how many offers one results page lists.
const maxResults = 5

// render is the current question (or results, details, page), in the reply language.
func (t *turn) render() []Reply { return []Reply{t.question(t.lang())} }

// choicesIn is the current question's buttons in lang, for label matching and stale checks.
func (t *turn) choicesIn(lang string) [][]Choice { return t.question(lang).Choices }

// question builds the reply for the current state in lang.
func (t *turn) question(lang string) Reply {
	switch t.s.S {
	case stProfile:
		return t.ask(lang, "profile_question", nil, rows(t.audienceChoices(lang), 2))
	case stRegion:
		return t.regionQuestion(lang)
	case stDept:
		return t.deptQuestion(lang)
	case stNeed:
		return t.ask(lang, "need_question", nil, rows(t.needChoices(lang), 2))
	case stResults:
		return t.results(lang)
	case stDetails:
		return t.details(lang)
	case stInfo:
		return t.info(lang)
	case stProblem:
		return t.problemQuestion(lang)
	case stConsent, stWrite, stThread:
		return t.handoffQuestion(lang)
	case stForget:
		return Reply{Text: t.e.text(lang, "forget_question", nil), Choices: [][]Choice{{
			t.buttonIn(lang, idForgetYes, "choice_yes"), t.buttonIn(lang, idForgetNo, "choice_no")}}}
	}
	return Reply{Text: t.e.text(lang, "lang_question", nil), Choices: [][]Choice{{
		{ID: "l:fr", Label: t.e.text(lang, "lang_fr", nil)}, {ID: "l:wo", Label: t.e.text(lang, "lang_wo", nil)}}}}
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

// regionQuestion lists the 14 regions in rows of 3 and, where the channel can, a button that
// asks for the location: the reply keyboard that shares it is sent only to those who press
// it, so the others get one message less and keep their own keyboard for typing.
func (t *turn) regionQuestion(lang string) Reply {
	var cs []Choice
	for _, r := range t.e.geo.regions {
		cs = append(cs, Choice{ID: "r:" + r.ID, Label: r.Name})
	}
	answers := rows(cs, 3)
	if t.chat.CanLocate {
		answers = append(answers, []Choice{t.buttonIn(lang, idLocate, "location_button")})
	}
	return t.ask(lang, "region_question", nil, answers)
}

// locatePrompt shows the share-location reply keyboard; the region question above it stays
// answerable.
func (t *turn) locatePrompt() Reply {
	label := t.e.text(t.lang(), "location_button", nil)
	return Reply{Text: t.e.text(t.lang(), "location_prompt", map[string]any{"Button": label}),
		AskLocation: true, LocationLabel: label}
}

// deptQuestion lists the departments of the chosen region.
func (t *turn) deptQuestion(lang string) Reply {
	reg, _ := t.e.geo.regionByID(t.s.R)
	var cs []Choice
	for _, d := range reg.Departments {
		cs = append(cs, Choice{ID: "d:" + d.ID, Label: d.Name})
	}
	return t.ask(lang, "dept_question", map[string]any{"Region": reg.Name}, rows(cs, 3))
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
