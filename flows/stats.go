package flows

import (
	"context"
	"time"
)

// Recorder counts anonymous daily statistics; defined here, where events happen, so the engine
// needs no Redis client. Fields are short names built only from closed lists (profiles, needs,
// places, catalog ids, poster codes): never a chat id, a name or typed text.
type Recorder interface {
	// Record adds one to each field of day ("2006-01-02"); it must not block on the network.
	Record(ctx context.Context, day string, fields ...string)
}

// Statistics field names, as stored and as `samayoon stats` prints them.
const (
	StatStart    = "start"    // journeys started (/start)
	StatSource   = "source:"  // + deep-link poster code, or "none"
	StatLang     = "lang:"    // + fr | wo
	StatProfile  = "profile:" // + catalog.Audience
	StatRegion   = "region:"  // + region id
	StatDept     = "dept:"    // + department id
	StatNeed     = "need:"    // + catalog.Need
	StatShown    = "shown:"   // + offer id listed on a results page
	StatDetails  = "details:" // + offer id opened in full
	StatNoMatch  = "nomatch:" // + need ":" region ":" department (unmet demand; "-" when unknown)
	StatUseful   = "useful:"  // + yes|no ":" offer id, or "results-" need for a results page
	StatProblem  = "problem:" // + kind ":" offer id
	statNoSource = "none"
)

// Day is the statistics day of t: the calendar date in UTC, which is Dakar time.
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// count notes a statistics field for this turn; recorded only once the session is saved.
func (t *turn) count(fields ...string) {
	if t.e.cfg.Recorder != nil {
		t.stats = append(t.stats, fields...)
	}
}

// record hands the turn's fields to the Recorder, after the session was committed, so a
// retried or duplicate update is never counted twice.
func (e *Engine) record(ctx context.Context, t *turn) {
	if e.cfg.Recorder == nil || len(t.stats) == 0 {
		return
	}
	e.cfg.Recorder.Record(ctx, Day(t.now), t.stats...)
}

// countShown counts what a results page shows when the user arrives on it: each listed
// offer, or the unmet demand for the need and place.
func (t *turn) countShown() {
	if t.e.cfg.Recorder == nil {
		return
	}
	hits := t.cat.Match(t.query(maxResults))
	if len(hits) > maxResults {
		hits = hits[:maxResults]
	}
	if len(hits) == 0 {
		t.count(StatNoMatch + orDash(t.s.Need) + ":" + orDash(t.s.Region) + ":" + orDash(t.s.Department))
		return
	}
	for _, h := range hits {
		t.count(StatShown + h.Offer.ID)
	}
}

// orDash is s, or "-" for an unknown answer.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// countAnswers counts each answer that this turn set or changed, compared with before.
func (t *turn) countAnswers(before session) {
	for _, f := range []struct{ prefix, old, now string }{
		{StatLang, before.Lang, t.s.Lang}, {StatProfile, before.Profile, t.s.Profile}, {StatRegion, before.Region, t.s.Region},
		{StatDept, before.Department, t.s.Department}, {StatNeed, before.Need, t.s.Need},
	} {
		if f.now != "" && f.now != f.old {
			t.count(f.prefix + f.now)
		}
	}
}

// countTurn counts the answers given and the results reached in this turn.
func (t *turn) countTurn(before session) {
	if t.e.cfg.Recorder == nil || t.erase {
		return
	}
	if t.started {
		before = session{}
	}
	t.countAnswers(before)
	same := before.Need == t.s.Need && before.Region == t.s.Region && before.Department == t.s.Department && before.Profile == t.s.Profile
	back := before.State == stResults || before.State == stDetails || before.State == stInfo ||
		before.State == stConsent || before.State == stWrite || before.State == stThread
	if t.s.State == stResults && (!back || !same) {
		t.countShown()
	}
}
