package flows

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
)

// entry is one offer of a list, rendered once: heading, summary line, way to reach it.
type entry struct{ head, summary, reach string }

// entryOf renders the n-th offer of a list in lang.
func (t *turn) entryOf(lang string, h catalog.Result, n int) entry {
	name, _ := h.Offer.Name.In(lang)
	summary, fb := h.Offer.Summary.In(lang)
	e := entry{head: strconv.Itoa(n) + ". " + offerTitle(h.Org, name),
		summary: clip(summary, maxSummary), reach: t.reach(lang, h.Offer, h.Org)}
	if fb {
		e.summary += " " + t.e.text(lang, "detail_fallback", nil)
	}
	return e
}

// offerTitle is "organisation — offer", or the offer's name alone when it already starts
// with the organisation's label ("ANPEJ : conseil…", not "ANPEJ — ANPEJ : conseil…").
func offerTitle(org *catalog.Organization, name string) string {
	label, name := orgName(org), clip(name, 80)
	rest, found := strings.CutPrefix(name, label)
	if label == "" || found && (rest == "" || strings.IndexByte(" :,", rest[0]) >= 0) {
		return name
	}
	return label + " — " + name
}

// text is the entry's lines, with or without its summary.
func (e entry) text(withSummary bool) string {
	if withSummary {
		return e.head + "\n" + e.summary + "\n" + e.reach
	}
	return e.head + "\n" + e.reach
}

// listing is the intro, the offers and where to turn, with acronyms spelled out, fitted in
// maxListed characters: the last offers lose their summary first, then the least local are
// left out. It returns the offers it kept.
func (t *turn) listing(lang string, hits []catalog.Result) (string, []catalog.Result) {
	es := make([]entry, len(hits))
	for i, h := range hits {
		es[i] = t.entryOf(lang, h, i+1)
	}
	pick := "\n\n" + t.e.text(lang, "results_pick", nil)
	for n := len(hits); ; n-- {
		intro := t.e.plural(lang, "results_intro", t.resultsData(lang, n), n)
		tail := t.receptionLine(lang, hits[:n]) + pick
		for summaries := n; summaries >= 0; summaries-- {
			text := spellOut(compose(intro, es[:n], summaries, tail), t.cat.Acronyms())
			if utf8.RuneCountInString(text) <= maxListed || summaries == 0 && n == 1 {
				return text, hits[:n]
			}
		}
	}
}

// compose joins the intro, the entries (the first summaries with their summary) and the tail.
func compose(intro string, es []entry, summaries int, tail string) string {
	size := len(intro) + len(tail)
	for _, e := range es {
		size += len(e.head) + len(e.summary) + len(e.reach) + 4
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(intro)
	for i, e := range es {
		b.WriteString("\n\n")
		b.WriteString(e.head)
		if i < summaries {
			b.WriteString("\n")
			b.WriteString(e.summary)
		}
		b.WriteString("\n")
		b.WriteString(e.reach)
	}
	b.WriteString(tail)
	return b.String()
}

// receptionLine points to the area's reception offices when a listed offer has no contact.
func (t *turn) receptionLine(lang string, hits []catalog.Result) string {
	if !anyWithoutContact(hits) {
		return ""
	}
	if offices := t.reception(lang, hits, loneWithoutContact(hits)); offices != "" {
		return "\n\n" + t.e.text(lang, "results_reception", nil) + offices
	}
	return ""
}
