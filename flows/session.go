package flows

import (
	"encoding/json"
	"fmt"
	"math"
)

// schemaVersion is the session JSON schema version; bump it and migrate when fields change.
const schemaVersion = 1

// The conversation states, as stored in the session.
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

// allStates lists every valid state, the first being the initial one.
func allStates() []string {
	return []string{stLang, stProfile, stRegion, stDept, stNeed, stResults, stDetails, stInfo, stForget, stProblem,
		stConsent, stWrite, stThread}
}

// session is all Sama Yoon keeps about a chat: compact JSON, well under 192 bytes in Redis.
type session struct {
	V int         `json:"v"`
	S string      `json:"s"`
	L string      `json:"l,omitempty"` // language: fr | wo
	P string      `json:"p,omitempty"` // profile (catalog.Audience)
	R string      `json:"r,omitempty"` // region id
	D string      `json:"d,omitempty"` // department id
	N string      `json:"n,omitempty"` // need (catalog.Need)
	O string      `json:"o,omitempty"` // offer or info page id shown in details/info
	G *[2]float64 `json:"g,omitempty"` // shared point, rounded to about 1 km
	F bool        `json:"f,omitempty"` // feedback given on the page shown (asked once per page)
	// Everyone: a typed sentence skipped the profile question; results are for every audience.
	Everyone bool   `json:"e,omitempty"`
	H        string `json:"h,omitempty"` // open handoff thread id, shown to staff as #H
	// Handoff bookkeeping while H is set: opened at (Unix s), answered by staff, reminders sent.
	Ho int64 `json:"ho,omitempty"`
	Ha bool  `json:"ha,omitempty"`
	Hr int   `json:"hr,omitempty"`
	// M is the chat's command menu when it is not the default: "wo" once a channel was told
	// to show it in Wolof. It survives /start, so the channel is told to reset the menu when
	// the chat later chooses French or is forgotten, and only then.
	M string `json:"m,omitempty"`
	T int64  `json:"t"` // updated at, Unix seconds
}

// newSession is the state of a chat that has never talked to the bot.
func newSession() session { return session{V: schemaVersion, S: stLang} }

// encodeSession marshals a session for the store.
func encodeSession(s session) ([]byte, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("flows: encode session: %w", err)
	}
	return data, nil
}

// decodeSession reads stored bytes; ok is false when they cannot be trusted (corrupt, unknown
// schema version, invalid state or answers) and the conversation must restart politely.
func decodeSession(g *geo, data []byte) (s session, ok bool) {
	if len(data) == 0 {
		return newSession(), true
	}
	if err := json.Unmarshal(data, &s); err != nil || s.V != schemaVersion {
		return newSession(), false
	}
	if !validState(s.S) || !validAnswers(g, s) {
		return newSession(), false
	}
	return s, true
}

// validState reports whether name is a state of the machine; SetState accepts any string.
func validState(name string) bool {
	for _, st := range allStates() {
		if st == name {
			return true
		}
	}
	return false
}

// validAnswers checks every stored answer against the closed lists it comes from.
func validAnswers(g *geo, s session) bool {
	if s.L != "" && s.L != "fr" && s.L != "wo" {
		return false
	}
	if s.P != "" && !isAudience(s.P) || s.N != "" && !isNeed(s.N) {
		return false
	}
	if s.R != "" && !g.isRegion(s.R) || s.D != "" && !g.isDeptOf(s.D, s.R) {
		return false
	}
	if s.G != nil && (math.IsNaN(s.G[0]) || math.Abs(s.G[0]) > 90 || math.IsNaN(s.G[1]) || math.Abs(s.G[1]) > 180) {
		return false
	}
	if s.H != "" && (len(s.H) != threadLen || s.S != stThread) {
		return false
	}
	return len(s.O) <= 64
}

// roundPoint keeps a shared point to two decimals (about 1 km): enough to match offices.
func roundPoint(lat, lon float64) *[2]float64 {
	return &[2]float64{math.Round(lat*100) / 100, math.Round(lon*100) / 100}
}
