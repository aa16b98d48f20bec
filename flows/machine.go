package flows

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/looplab/fsm"
)

// machines pools looplab/fsm instances built from the conversation table: one is not safe
// for concurrent use, and building one per update would cost more than the rest of a menu
// step. Each event first sets the machine's state from the session, the source of truth.
type machines struct{ pool sync.Pool }

// newMachines prepares the pool.
func newMachines() *machines {
	m := &machines{}
	m.pool.New = func() any { return newMachine() }
	return m
}

// newMachine builds a machine from the table. The callback reaches the turn through the
// event's argument, so one machine serves every chat in turn.
func newMachine() *fsm.FSM {
	cbs := fsm.Callbacks{"enter_state": func(_ context.Context, e *fsm.Event) { e.Args[0].(*turn).enter(e) }}
	return fsm.NewFSM(stLang, transitions(), cbs)
}

// event applies ev to the turn's session; staying in the same state is no error. The machine
// gets no request context: a transition is memory work that must not stop halfway through a
// turn, and the store's calls are the ones that honour cancellation.
func (m *machines) event(t *turn, ev string) error {
	f := m.pool.Get().(*fsm.FSM)
	defer m.pool.Put(f)
	f.SetState(t.s.State)
	if t.args == nil {
		t.args = []any{t} // the callbacks' argument, allocated once per turn
	}
	err := f.Event(context.Background(), ev, t.args...)
	var same fsm.NoTransitionError
	if err == nil || errors.As(err, &same) {
		return nil
	}
	return fmt.Errorf("flows: event %q in state %q: %w", ev, t.s.State, err)
}

// can reports whether the table has ev from state.
func (m *machines) can(state, ev string) bool {
	f := m.pool.Get().(*fsm.FSM)
	defer m.pool.Put(f)
	f.SetState(state)
	return f.Can(ev)
}

// fire applies ev, then passes over the questions that need no asking. A refused event is a
// bug: the turn fails with it, and nothing is saved.
func (t *turn) fire(ev string) {
	for ev != "" && t.err == nil {
		t.hasAsked = false
		if err := t.e.machines.event(t, ev); err != nil {
			t.err = err
			return
		}
		ev = t.passOver(ev)
	}
}

// enter is the machine's enter_state callback: the session takes the new state, what belonged
// to the page left is dropped, and the state's question is built unless it is passed over at
// once. It fires no event itself: fire does, once the machine is done.
func (t *turn) enter(e *fsm.Event) {
	t.s.State = e.Dst
	if e.Dst != stDetails && e.Dst != stInfo && e.Dst != stProblem {
		t.s.Offer = ""
	}
	if e.Src != stProblem { // a problem reported is the offer page's feedback
		t.s.FeedbackGiven = false
	}
	if t.passOver(e.Event) == "" {
		t.asked, t.hasAsked = t.question(t.lang()), true
	}
}

// answered moves on once the question on screen has its answer; one still open (a region
// typed at the department question) is asked again.
func (t *turn) answered() {
	if t.known(t.s.State) {
		t.fire(evAnswer)
	}
}

// goBack is the back button: the previous question where the table has one, else (an offer
// opened from a search, the forget question) the questions where they stand.
func (t *turn) goBack() {
	if t.e.machines.can(t.s.State, evBack) {
		t.fire(evBack)
		return
	}
	t.fire(evResume)
}

// current is the question shown after this turn: the one built on entering the state, or the
// current state's when the turn moved nowhere.
func (t *turn) current() Reply {
	if t.hasAsked {
		return t.asked
	}
	return t.question(t.lang())
}
