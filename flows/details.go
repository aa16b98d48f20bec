package flows

import (
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// details shows one offer in full, with a map pin and a contact card when known.
func (t *turn) details(lang string) Reply {
	o, org, ok := t.cat.Offer(t.s.Offer)
	if !ok {
		return Reply{Text: t.e.text(lang, "offer_gone", nil), Choices: [][]Choice{t.nav(lang)}}
	}
	name, _ := o.Name.In(lang)
	lines := []string{name + " — " + orgName(org)}
	fellBack := false
	for _, f := range []struct {
		msg  string
		text catalog.Text
	}{
		{"detail_description", o.Description}, {"detail_eligibility", o.Eligibility},
		{"detail_apply", o.HowToApply}, {"detail_documents", o.Documents},
		{"detail_cost", o.Cost}, {"detail_hours", o.Schedule},
	} {
		s, fb := f.text.In(lang)
		if s == "" {
			continue
		}
		fellBack = fellBack || fb
		lines = append(lines, t.e.text(lang, f.msg, nil)+" : "+clip(s, maxField))
	}
	if addr := address(lang, o); addr != "" {
		lines = append(lines, t.e.text(lang, "detail_address", nil)+" : "+addr)
	}
	if c := contacts(o, org); c != "" {
		lines = append(lines, t.e.text(lang, "detail_contacts", nil)+" : "+c)
	}
	if !o.Verified.IsZero() {
		lines = append(lines, t.e.text(lang, "detail_verified", map[string]any{"Date": o.Verified.Format("02/01/2006")}))
	}
	if fellBack {
		lines = append(lines, t.e.text(lang, "detail_fallback", nil))
	}
	text := clip(strings.Join(lines, "\n\n"), maxDetails-200) + t.feedbackLine(lang)
	r := Reply{Text: text, Choices: append(t.feedbackRows(lang, true), t.nav(lang)), Place: pin(lang, o)}
	if p := firstPhone(o, org); p != "" {
		r.Contact = &Contact{Name: orgName(org), Phone: p}
	}
	return r
}

// address is the first office's name and address.
func address(lang string, o *catalog.Offer) string {
	if len(o.Locations) == 0 {
		return ""
	}
	l := o.Locations[0]
	name, _ := l.Name.In(lang)
	addr, _ := l.Address.In(lang)
	return strings.Trim(name+", "+addr, ", ")
}

// pin is the first office with coordinates.
func pin(lang string, o *catalog.Offer) *Place {
	for _, l := range o.Locations {
		if l.HasPoint() {
			name, _ := l.Name.In(lang)
			addr, _ := l.Address.In(lang)
			return &Place{Name: name, Address: addr, Lat: l.Lat, Lon: l.Lon}
		}
	}
	return nil
}

// contacts lists every phone, the e-mail and the website of an offer or its organisation.
func contacts(o *catalog.Offer, org *catalog.Organization) string {
	var cs []string
	phones := o.Phones
	if len(phones) == 0 && org != nil {
		phones = org.Phones
	}
	for _, p := range phones {
		cs = append(cs, p.Number)
	}
	cs = append(cs, firstOf(o.Email, orgField(org, func(g *catalog.Organization) string { return g.Email })))
	cs = append(cs, firstOf(o.Website, orgField(org, func(g *catalog.Organization) string { return g.Website })))
	var out []string
	for _, c := range cs {
		if c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, " · ")
}

// info shows one information page; back returns to the results.
func (t *turn) info(lang string) Reply {
	p := t.page(t.s.Offer)
	if p == nil {
		return Reply{Text: t.e.text(lang, "offer_gone", nil), Choices: [][]Choice{t.nav(lang)}}
	}
	title, _ := p.Title.In(lang)
	body, fb := p.Body.In(lang)
	text := title + "\n\n" + clip(body, 1200)
	if fb {
		text += "\n\n" + t.e.text(lang, "detail_fallback", nil)
	}
	return Reply{Text: text, Choices: [][]Choice{t.nav(lang)}}
}
