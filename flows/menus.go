package flows

import "slices"

// menuKey names one menu question's buttons: its state and language, the region for the
// department question, and whether the channel can share a location for the region question.
type menuKey struct {
	state, lang, region string
	locate              bool
}

// menuKeyOf is the key of the current question in lang.
func (t *turn) menuKeyOf(lang string) menuKey {
	k := menuKey{state: t.s.State, lang: lang}
	switch t.s.State {
	case stDept:
		k.region = t.s.Region
	case stRegion:
		k.locate = t.chat.CanLocate
	}
	return k
}

// buildMenus renders every menu question's buttons once, in both languages, so checking a
// press and asking a question cost a map lookup. The rows are shared by all turns, so they
// are read-only and clipped (an append copies them).
func buildMenus(e *Engine) map[menuKey][][]Choice {
	var keys []menuKey
	for _, lang := range []string{"fr", "wo"} {
		for _, st := range []string{stLang, stProfile, stNeed, stForget} {
			keys = append(keys, menuKey{state: st, lang: lang})
		}
		keys = append(keys, menuKey{state: stRegion, lang: lang}, menuKey{state: stRegion, lang: lang, locate: true})
		for _, r := range e.geo.regions {
			keys = append(keys, menuKey{state: stDept, lang: lang, region: r.ID})
		}
	}
	out := make(map[menuKey][][]Choice, len(keys))
	for _, k := range keys {
		t := &turn{e: e, s: session{State: k.state, Region: k.region}, chat: Chat{CanLocate: k.locate}}
		cs, _ := t.buildMenu(k.lang)
		for i := range cs {
			cs[i] = slices.Clip(cs[i])
		}
		out[k] = slices.Clip(cs)
	}
	return out
}
