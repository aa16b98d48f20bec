package flows

import "github.com/looplab/fsm"

// The conversation's states, as stored in the session.
const (
	stLang    = "lang"    // which language
	stProfile = "profile" // who are you
	stRegion  = "region"  // where do you live
	stDept    = "dept"    // which department (regions with local offers)
	stNeed    = "need"    // what do you need
	stResults = "results" // matching offers
	stDetails = "details" // one offer in full
	stInfo    = "info"    // one information page
	stForget  = "forget"  // confirm erasing everything
	stProblem = "problem" // which problem with the offer's contact
	stConsent = "consent" // may we pass a request to the staff?
	stWrite   = "write"   // write your request
	stThread  = "thread"  // talking with the staff through the bot
)

// The events that move the conversation: every change of state is one of them.
const (
	evAnswer    = "answer"          // the question on screen got its answer
	evBack      = "back"            // the previous question, or the page before
	evResume    = "resume"          // from a page to the first question not yet answered
	evRestart   = "restart"         // answers erased but the language; /start erases it too
	evLanguage  = "choose-language" // /langue
	evForget    = "forget"          // /oublier asks before erasing
	evDetails   = "open-details"    // one offer in full, from the results or search hits
	evPage      = "open-page"       // an information page of the results
	evOtherNeed = "other-need"      // ask the need again
	evReport    = "report-problem"  // "the contact did not work"
	evHandoff   = "handoff"         // write to the staff
	evAgree     = "agree"           // consent given
	evCancel    = "cancel"          // no request after all
	evSend      = "send"            // the first message opens a thread with the staff
	evClose     = "close"           // the user or the staff ended the thread
	evSentence  = "typed-sentence"  // a typed sentence named answers: the first question still open
	evOtherArea = "other-place"     // ask the place again
	evNarrow    = "narrow-profile"  // ask who the user is, to narrow results shown for everyone
)

// transitions is every transition of the conversation. After answer, resume and restart a
// question already answered is passed over with answer (deep links, /start, a shared place),
// and after back a question that does not apply (no department offers) with back: see passOver.
func transitions() fsm.Events {
	return fsm.Events{
		{Name: evAnswer, Src: []string{stLang}, Dst: stProfile},
		{Name: evAnswer, Src: []string{stProfile}, Dst: stRegion},
		{Name: evAnswer, Src: []string{stRegion}, Dst: stDept},
		{Name: evAnswer, Src: []string{stDept}, Dst: stNeed},
		{Name: evAnswer, Src: []string{stNeed}, Dst: stResults},
		{Name: evAnswer, Src: []string{stProblem}, Dst: stDetails},
		{Name: evBack, Src: []string{stProfile}, Dst: stLang},
		{Name: evBack, Src: []string{stRegion}, Dst: stProfile},
		{Name: evBack, Src: []string{stDept}, Dst: stRegion},
		{Name: evBack, Src: []string{stNeed}, Dst: stDept},
		{Name: evBack, Src: []string{stInfo}, Dst: stResults},
		{Name: evBack, Src: []string{stProblem}, Dst: stDetails},
		{Name: evResume, Src: []string{stDetails, stInfo, stProblem, stConsent, stForget}, Dst: stLang},
		{Name: evOtherNeed, Src: []string{stResults}, Dst: stNeed},
		{Name: evOtherArea, Src: []string{stResults}, Dst: stRegion},
		{Name: evNarrow, Src: []string{stResults}, Dst: stProfile},
		{Name: evSentence, Src: sentenceStates(), Dst: stLang},
		{Name: evDetails, Src: allBut(stForget, stWrite, stThread), Dst: stDetails},
		{Name: evPage, Src: []string{stResults, stDetails, stInfo}, Dst: stInfo},
		{Name: evReport, Src: []string{stDetails}, Dst: stProblem},
		{Name: evHandoff, Src: []string{stResults, stDetails}, Dst: stConsent},
		{Name: evAgree, Src: []string{stConsent}, Dst: stWrite},
		{Name: evCancel, Src: []string{stConsent, stWrite}, Dst: stResults},
		{Name: evSend, Src: []string{stWrite}, Dst: stThread},
		{Name: evClose, Src: []string{stThread}, Dst: stResults},
		{Name: evRestart, Src: allStates(), Dst: stLang},
		{Name: evLanguage, Src: allStates(), Dst: stLang},
		{Name: evForget, Src: allStates(), Dst: stForget},
	}
}

// allStates lists every valid state, the first being the initial one.
func allStates() []string {
	return []string{stLang, stProfile, stRegion, stDept, stNeed, stResults, stDetails, stInfo, stForget, stProblem,
		stConsent, stWrite, stThread}
}

// allBut is every state except those given.
func allBut(except ...string) []string {
	var out []string
	for _, st := range allStates() {
		if !contains(except, st) {
			out = append(out, st)
		}
	}
	return out
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// validState reports whether name is a state of the machine; SetState accepts any string.
func validState(name string) bool { return contains(allStates(), name) }

// passOver is the event that leaves the state just entered by last at once, or "": a question
// whose answer is known needs no asking, and going back skips a question that does not apply.
func (t *turn) passOver(last string) string {
	switch {
	case last == evBack && !t.applies(t.s.State):
		return evBack
	case (last == evAnswer || last == evResume || last == evRestart || last == evSentence) && t.known(t.s.State):
		return evAnswer
	}
	return ""
}

// known reports whether a question needs no asking: it is answered or does not apply.
func (t *turn) known(state string) bool {
	switch state {
	case stLang:
		return t.s.Lang != ""
	case stProfile:
		return t.s.Profile != "" || t.s.Everyone
	case stRegion:
		return t.s.Region != ""
	case stDept:
		return t.s.Department != "" || !t.applies(stDept)
	case stNeed:
		return t.s.Need != ""
	}
	return false
}

// applies reports whether a state is asked at all: the department only in regions with
// offers of their own.
func (t *turn) applies(state string) bool {
	return state != stDept || t.s.Region != "" && t.cat.HasDepartmentOffers(t.s.Region)
}
