package flows

import (
	"encoding/json"
	"fmt"
	"math"
)

// schemaVersion is the session JSON schema version; bump it and migrate when fields change.
const schemaVersion = 1

// session is all Sama Yoon keeps about a chat: compact JSON, well under 192 bytes in Redis.
// The one-letter JSON keys are the stored form: renaming one loses every stored session.
type session struct {
	Version       int         `json:"v"`
	State         string      `json:"s"`
	Lang          string      `json:"l,omitempty"` // language: fr | wo
	Profile       string      `json:"p,omitempty"` // profile (catalog.Audience)
	Region        string      `json:"r,omitempty"` // region id
	Department    string      `json:"d,omitempty"` // department id
	Need          string      `json:"n,omitempty"` // need (catalog.Need)
	Offer         string      `json:"o,omitempty"` // offer or info page id shown in details/info
	Point         *[2]float64 `json:"g,omitempty"` // shared point, rounded to about 1 km
	FeedbackGiven bool        `json:"f,omitempty"` // feedback given on the page shown (asked once per page)
	// Everyone: a typed sentence passed over the profile; the results are for every audience.
	Everyone bool   `json:"e,omitempty"`
	Thread   string `json:"h,omitempty"` // open handoff thread id, shown to staff as #<Thread>
	// Handoff bookkeeping while Thread is set: opened at (Unix s), answered by staff, reminders sent.
	ThreadOpened   int64 `json:"ho,omitempty"`
	ThreadAnswered bool  `json:"ha,omitempty"`
	Reminders      int   `json:"hr,omitempty"`
	// Menu is the chat's command menu when it is not the default: "wo" once a channel was told
	// to show it in Wolof. It survives /start, so the channel is told to reset the menu when
	// the chat later chooses French or is forgotten, and only then.
	Menu    string `json:"m,omitempty"`
	Updated int64  `json:"t"` // updated at, Unix seconds
}

// newSession is the state of a chat that has never talked to the bot.
func newSession() session { return session{Version: schemaVersion, State: stLang} }

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
	if err := json.Unmarshal(data, &s); err != nil || s.Version != schemaVersion {
		return newSession(), false
	}
	if !validState(s.State) || !validAnswers(g, s) {
		return newSession(), false
	}
	return s, true
}

// validAnswers checks every stored answer against the closed lists it comes from.
func validAnswers(g *geo, s session) bool {
	if s.Lang != "" && s.Lang != "fr" && s.Lang != "wo" {
		return false
	}
	if s.Profile != "" && !isAudience(s.Profile) || s.Need != "" && !isNeed(s.Need) {
		return false
	}
	if s.Region != "" && !g.isRegion(s.Region) || s.Department != "" && !g.isDeptOf(s.Department, s.Region) {
		return false
	}
	if s.Point != nil && (math.IsNaN(s.Point[0]) || math.Abs(s.Point[0]) > 90 || math.IsNaN(s.Point[1]) || math.Abs(s.Point[1]) > 180) {
		return false
	}
	if s.Thread != "" && (len(s.Thread) != threadLen || s.State != stThread) {
		return false
	}
	if s.State == stResults && s.Need == "" {
		return false // a results page always has its need; without one it cannot be shown again
	}
	return len(s.Offer) <= 64
}

// roundPoint keeps a shared point to two decimals (about 1 km): enough to match offices.
func roundPoint(lat, lon float64) *[2]float64 {
	return &[2]float64{math.Round(lat*100) / 100, math.Round(lon*100) / 100}
}
