package flows

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
)

// Length caps that keep one results page under 1,500 characters.
const (
	maxSummary = 150
	maxListed  = 1250 // the list's share of a results page, leaving room for a greeting and questions
	maxMerged  = 1500 // longest message made by folding a note into the question after it
	maxField   = 500
	maxDetails = 3500 // under Telegram's 4,096-character message limit
)

// query is the catalog query for the session's answers.
func (t *turn) query(limit int) catalog.Query {
	q := catalog.Query{Audience: catalog.Audience(t.s.Profile), Need: catalog.Need(t.s.Need),
		Region: t.s.Region, Department: t.s.Department, Now: t.now, Limit: limit}
	if t.s.Point != nil {
		q.Point = &catalog.LatLon{Lat: t.s.Point[0], Lon: t.s.Point[1]}
	}
	return q
}

// placeLabel names where the user lives, for the results heading.
func (t *turn) placeLabel(lang string) string {
	switch {
	case t.s.Department != "":
		return t.e.geo.deptName(t.s.Department)
	case t.s.Region != "":
		return t.e.geo.regionName(t.s.Region)
	}
	return t.e.text(lang, "place_national", nil)
}

// results lists up to five offers, or says honestly that none matched and who to call.
func (t *turn) results(lang string) Reply {
	hits := t.cat.Match(t.query(maxResults))
	if len(hits) > maxResults {
		hits = hits[:maxResults]
	}
	var b strings.Builder
	if len(hits) > 0 {
		var list string
		list, hits = t.listing(lang, hits)
		b.WriteString(list)
	} else {
		b.WriteString(t.e.text(lang, "results_none", t.resultsData(lang, 0)))
		hits = t.noMatch(lang, &b)
	}
	line, narrow := t.everyoneRows(lang)
	if line != "" {
		b.WriteString("\n\n" + line)
	}
	r := Reply{Choices: t.detailRowsIn(lang, hits, 1)}
	team := t.handoffOffered() || t.e.cfg.Staff && anyWithoutContact(hits)
	if team {
		b.WriteString("\n\n" + t.e.text(lang, "results_handoff", nil))
	}
	if pages := t.cat.InfoPages(catalog.Need(t.s.Need)); len(pages) > 0 {
		b.WriteString("\n\n" + t.e.text(lang, "results_info", nil)) // points to the 📖 buttons, below the feedback question
		for _, p := range pages {
			title, _ := p.Title.In(lang)
			r.Choices = append(r.Choices, []Choice{{ID: "i:" + p.ID, Label: "📖 " + clip(title, 60)}})
		}
	}
	if len(hits) > 0 {
		// Last, as its buttons come after the reading buttons: the text reads in their order.
		b.WriteString(t.feedbackLine(lang))
		r.Choices = append(r.Choices, t.feedbackRows(lang, false)...)
	}
	if t.s.Need != string(catalog.NeedTalk) {
		// Someone to talk to, on every results page: the hotlines and reception offices near the user.
		r.Choices = append(r.Choices, []Choice{t.buttonIn(lang, "n:"+string(catalog.NeedTalk), "need_"+string(catalog.NeedTalk))})
	}
	if team {
		r.Choices = append(r.Choices, []Choice{t.buttonIn(lang, idHandoff, "choice_handoff")})
	}
	r.Text = spellOut(b.String(), t.cat.Acronyms())
	r.Choices = append(r.Choices, t.alertRow(lang)...)
	r.Choices = append(append(r.Choices, narrow...), []Choice{t.buttonIn(lang, idMore, "choice_more"),
		t.buttonIn(lang, idOtherPlace, "choice_place"), t.buttonIn(lang, idRestart, "choice_restart")})
	return r
}

// resultsData is the intro's template data for count offers.
func (t *turn) resultsData(lang string, count int) map[string]any {
	return map[string]any{"Count": count, "Need": t.e.text(lang, "need_"+t.s.Need, nil), "Place": t.placeLabel(lang)}
}

// noMatch writes the nearest national option and the general contacts, and returns them.
func (t *turn) noMatch(lang string, b *strings.Builder) []catalog.Result {
	var out []catalog.Result
	for _, h := range t.cat.Match(catalog.Query{Need: catalog.Need(t.s.Need), Now: t.now}) {
		if h.Scope == catalog.ScopeNational {
			out = append(out, h)
			b.WriteString("\n\n" + t.e.text(lang, "results_nearest", nil) + "\n\n" + t.itemsIn(lang, out, 1))
			break
		}
	}
	var general []catalog.Result
	for _, g := range t.cat.GeneralContacts(t.s.Region, t.s.Department) {
		if len(general) < 2 && (len(out) == 0 || out[0].Offer.ID != g.Offer.ID) {
			general = append(general, g)
		}
	}
	if len(general) > 0 {
		b.WriteString("\n\n" + t.e.text(lang, "results_general", nil) + "\n\n" + t.itemsIn(lang, general, len(out)+1))
	}
	if out = append(out, general...); len(out) > 0 {
		b.WriteString("\n\n" + t.e.text(lang, "results_pick", nil))
	}
	return out
}

// items lists offers in the reply language.
func (t *turn) items(hits []catalog.Result, first int) string {
	return t.itemsIn(t.lang(), hits, first)
}

// itemsIn lists offers: number, organisation, name, one-line summary and the best way to reach it.
func (t *turn) itemsIn(lang string, hits []catalog.Result, first int) string {
	parts := make([]string, len(hits))
	for i, h := range hits {
		parts[i] = t.entryOf(lang, h, first+i).text(true)
	}
	return strings.Join(parts, "\n\n")
}

// detailRows are the "details 1..N" buttons in the reply language.
func (t *turn) detailRows(hits []catalog.Result, first int) [][]Choice {
	return t.detailRowsIn(t.lang(), hits, first)
}

// detailRowsIn are the "details 1..N" buttons, one row.
func (t *turn) detailRowsIn(lang string, hits []catalog.Result, first int) [][]Choice {
	var row []Choice
	for i, h := range hits {
		label := t.e.textVar(lang, "choice_details", "N", strconv.Itoa(first+i))
		row = append(row, Choice{ID: "o:" + h.Offer.ID, Label: label})
	}
	if len(row) == 0 {
		return nil
	}
	return [][]Choice{row}
}

// firstPhone is the offer's first phone, else its organisation's.
func firstPhone(o *catalog.Offer, org *catalog.Organization) string {
	if len(o.Phones) > 0 {
		return o.Phones[0].Number
	}
	if org != nil && len(org.Phones) > 0 {
		return org.Phones[0].Number
	}
	return ""
}

// orgField reads a field of a possibly missing organisation.
func orgField(org *catalog.Organization, f func(*catalog.Organization) string) string {
	if org == nil {
		return ""
	}
	return f(org)
}

// firstOf returns the first non-empty string.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// orgName prefers the acronym, which is what people say.
func orgName(org *catalog.Organization) string {
	if org == nil {
		return ""
	}
	if org.Acronym != "" {
		return org.Acronym
	}
	return clip(org.Name, 60)
}

// clip cuts s to at most n runes, with an ellipsis, after a whole word and before an
// unclosed parenthesis when that keeps at least half: a cut word reads as a typo.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n-1])
	half := len(cut) / 2
	if i := strings.LastIndexByte(cut, ' '); i >= half {
		cut = cut[:i]
	}
	if i := strings.LastIndexByte(cut, '('); i >= half && !strings.Contains(cut[i:], ")") {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–—-") + "…"
}
