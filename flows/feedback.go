package flows

import "strings"

// Choice ids of the feedback buttons; "pb:<kind>" reports a problem of that kind.
const (
	idUseful    = "fb:y"
	idNotUseful = "fb:n"
	idProblem   = "pb"
)

// problemKinds are the problems a user can report about a contact, in button order.
func problemKinds() []string { return []string{"noanswer", "closed", "wrong"} }

// feedbackRows are the "was this useful?" buttons, and "report a problem" on an offer;
// none once the user gave feedback on this page.
func (t *turn) feedbackRows(lang string, offer bool) [][]Choice {
	if t.s.FeedbackGiven {
		return nil
	}
	out := [][]Choice{{t.buttonIn(lang, idUseful, "choice_useful_yes"), t.buttonIn(lang, idNotUseful, "choice_useful_no")}}
	if offer {
		out = append(out, []Choice{t.buttonIn(lang, idProblem, "choice_problem")})
	}
	return out
}

// feedbackLine is the question above the feedback buttons, or "" once answered.
func (t *turn) feedbackLine(lang string) string {
	if t.s.FeedbackGiven {
		return ""
	}
	return "\n\n" + t.e.text(lang, "feedback_question", nil)
}

// problemQuestion asks which problem the user had with the offer's contact.
func (t *turn) problemQuestion(lang string) Reply {
	var cs []Choice
	for _, k := range problemKinds() {
		cs = append(cs, t.buttonIn(lang, "pb:"+k, "problem_"+k))
	}
	return t.ask(lang, "problem_question", nil, rows(cs, 1))
}

// feedbackSubject is what feedback is about: the offer shown, or the results of a need.
func (t *turn) feedbackSubject() string {
	if t.s.State == stDetails && t.s.Offer != "" {
		return t.s.Offer
	}
	return "results-" + orDash(t.s.Need)
}

// useful records a yes/no answer once per page and thanks the user, keeping the page's
// last row of buttons so they can go on without the page being sent again.
func (t *turn) useful(yes bool) []Reply {
	answer := "no"
	if yes {
		answer = "yes"
	}
	t.count(StatUseful + answer + ":" + t.feedbackSubject())
	t.s.FeedbackGiven = true
	return []Reply{t.thanks("feedback_thanks")}
}

// thanks is a short note with the current page's last row (back / start again, or more).
func (t *turn) thanks(id string) Reply {
	r := t.note(id)
	if cs := t.current().Choices; len(cs) > 0 {
		r.Choices = [][]Choice{cs[len(cs)-1]}
	}
	return r
}

// problem records a reported problem with the offer, returns to it, and tells the staff
// group when one is configured: which offer, which problem, the user's area and language.
func (t *turn) problem(kind string) []Reply {
	offer := t.s.Offer
	t.count(StatProblem + kind + ":" + offer)
	t.s.FeedbackGiven = true
	t.fire(evAnswer)
	out := []Reply{t.thanks("problem_thanks")}
	if !t.e.cfg.Staff {
		return out
	}
	t.staffProblem(offer, kind)
	return out
}

// staffProblem posts the staff group's note about a reported problem, in French; it carries
// no chat id, name, phone or message of the user.
func (t *turn) staffProblem(offer, kind string) {
	name := offer
	if o, org, ok := t.cat.Offer(offer); ok {
		n, _ := o.Name.In("fr")
		name = strings.TrimSpace(orgName(org) + " — " + n)
	}
	data := map[string]any{"Offer": name, "ID": offer, "Problem": t.e.text("fr", "problem_"+kind, nil),
		"Place": t.placeLabel("fr"), "Lang": t.lang()}
	t.staffPost("staff_problem", data, "", false)
}
