package flows

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/looplab/fsm"
)

// edges maps each state to the states it may be entered from; the machine rejects the rest.
func edges() map[string][]string {
	all := allStates()
	return map[string][]string{
		stLang:    all,
		stProfile: all,
		stForget:  all,
		stRegion:  {stProfile, stRegion, stDept, stNeed, stLang, stForget, stDetails, stInfo},
		stDept:    {stProfile, stRegion, stDept, stNeed, stLang, stForget, stDetails, stInfo},
		stNeed:    {stProfile, stRegion, stDept, stNeed, stResults, stLang, stForget, stDetails, stInfo},
		stResults: {stProfile, stRegion, stDept, stNeed, stResults, stLang, stForget, stDetails, stInfo, stConsent, stWrite, stThread},
		stDetails: {stProfile, stRegion, stDept, stNeed, stResults, stLang, stDetails, stInfo, stProblem},
		stProblem: {stDetails},
		stInfo:    {stResults, stDetails, stInfo},
		stConsent: {stResults, stDetails, stConsent},
		stWrite:   {stConsent, stWrite},
		stThread:  {stWrite, stThread},
	}
}

// machines pools looplab/fsm instances: one is not safe for concurrent use, and building one
// per update costs 30 allocations; SetState rebuilds a chat's position from its session.
type machines struct{ pool sync.Pool }

// newMachines prepares the pool; each machine knows every "go_<state>" event.
func newMachines() *machines {
	var evs fsm.Events
	for dst, srcs := range edges() {
		evs = append(evs, fsm.EventDesc{Name: "go_" + dst, Src: srcs, Dst: dst})
	}
	m := &machines{}
	m.pool.New = func() any { return fsm.NewFSM(stLang, evs, fsm.Callbacks{}) }
	return m
}

// move checks that from → to is an edge of the state graph; staying put is allowed. The
// machines have no callbacks, so no context is given them: looplab/fsm derives a cancellable
// context from it at each event, which tied every transition to the update's context.
func (m *machines) move(from, to string) error {
	if !validState(from) || !validState(to) {
		return fmt.Errorf("flows: move %q → %q: unknown state", from, to)
	}
	f := m.pool.Get().(*fsm.FSM)
	defer m.pool.Put(f)
	f.SetState(from)
	err := f.Event(context.Background(), "go_"+to)
	var same fsm.NoTransitionError
	if err == nil || errors.As(err, &same) {
		return nil
	}
	return fmt.Errorf("flows: move %q → %q: %w", from, to, err)
}
