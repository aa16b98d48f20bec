package flows

import (
	"context"

	"github.com/samayoon/samayoon/catalog"
)

// Preview renders an offer or an information page of cat exactly as the bot writes it, in
// lang, for someone who lives in region and department (either may be empty): its entry at
// the top of a results list and its own page. The staff workspace shows it beside the edit
// form; no session is read or written. ok is false for an unknown id.
func (e *Engine) Preview(ctx context.Context, cat Catalog, id, lang, region, department string) (item, page string, ok bool) {
	t := &turn{e: e, ctx: ctx, cat: cat, s: session{Lang: lang, Offer: id, Region: region, Department: department}, now: e.cfg.Now()}
	if o, org, found := cat.Offer(id); found {
		hit := catalog.Result{Offer: o, Org: org, Scope: catalog.ScopeNational, DistanceKm: -1}
		return spellOut(t.itemsIn(lang, []catalog.Result{hit}, 1), cat.Acronyms()), t.details(lang).Text, true
	}
	if p := t.page(id); p != nil {
		return "📖 " + clip(firstText(p.Title, lang), 60), t.info(lang).Text, true
	}
	return "", "", false
}

// firstText is a text in lang, French when the Wolof is missing.
func firstText(t catalog.Text, lang string) string {
	s, _ := t.In(lang)
	return s
}
