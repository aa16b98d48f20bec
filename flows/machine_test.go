package flows

import (
	"errors"
	"testing"

	"github.com/looplab/fsm"
)

// TestRefusedEventIsAnError: an event the table does not allow fails the turn and moves nothing.
func TestRefusedEventIsAnError(t *testing.T) {
	e, _ := newTestEngine(t)
	cases := []struct{ state, event string }{
		{stLang, evBack}, {stThread, evDetails}, {stResults, evAgree}, {stWrite, evResume},
	}
	for _, tc := range cases {
		t.Run(tc.state+"/"+tc.event, func(t *testing.T) {
			tr := &turn{e: e, cat: testCatalog(t), s: session{State: tc.state, Lang: "fr"}}
			tr.fire(tc.event)
			var refused fsm.InvalidEventError
			if !errors.As(tr.err, &refused) || tr.s.State != tc.state {
				t.Fatalf("err = %v, state %q; want an InvalidEventError in %q", tr.err, tr.s.State, tc.state)
			}
		})
	}
}

// TestPassOver shows that a known answer is not asked again and back skips what does not apply.
func TestPassOver(t *testing.T) {
	e, _ := newTestEngine(t)
	cases := []struct {
		name  string
		from  session
		event string
		want  string
	}{
		{"restart keeps the language", session{State: stResults, Lang: "fr"}, evRestart, stProfile},
		{"restart without a language", session{State: stResults}, evRestart, stLang},
		{"region without department offers", session{State: stRegion, Lang: "fr", Profile: "jeune", Region: "kaffrine"}, evAnswer, stNeed},
		{"region with department offers", session{State: stRegion, Lang: "fr", Profile: "jeune", Region: "diourbel"}, evAnswer, stDept},
		{"everything known", session{State: stDetails, Lang: "fr", Profile: "jeune", Region: "dakar", Need: "emploi"}, evResume, stResults},
		{"back over the department", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "kaffrine"}, evBack, stRegion},
		{"back to the department", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "diourbel", Department: "mbacke"}, evBack, stDept},
		{"the language asked again", session{State: stResults, Lang: "fr", Profile: "jeune"}, evLanguage, stLang},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := &turn{e: e, cat: testCatalog(t), s: tc.from}
			tr.fire(tc.event)
			if tr.err != nil || tr.s.State != tc.want {
				t.Fatalf("state %q, err %v; want %q", tr.s.State, tr.err, tc.want)
			}
			if !tr.hasAsked {
				t.Errorf("no question built on entering %q", tr.s.State)
			}
		})
	}
}

// TestTableReachesEveryState: every state in the table is known, and reachable from the first.
func TestTableReachesEveryState(t *testing.T) {
	next := map[string][]string{}
	for _, ev := range transitions() {
		for _, src := range ev.Src {
			if !validState(src) || !validState(ev.Dst) {
				t.Errorf("event %q: unknown state in %v → %q", ev.Name, ev.Src, ev.Dst)
			}
			next[src] = append(next[src], ev.Dst)
		}
	}
	seen := map[string]bool{stLang: true}
	for todo := []string{stLang}; len(todo) > 0; todo = todo[1:] {
		for _, dst := range next[todo[0]] {
			if !seen[dst] {
				seen[dst] = true
				todo = append(todo, dst)
			}
		}
	}
	for _, st := range allStates() {
		if !seen[st] {
			t.Errorf("state %q is unreachable", st)
		}
	}
}
