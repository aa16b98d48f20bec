package flows

import (
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// details shows one offer in full, with a map pin and a contact card when known.
func (t *turn) details(lang string) Reply {
	o, org, ok := t.cat.Offer(t.s.O)
	if !ok {
		return Reply{Text: t.e.text(lang, "offer_gone", nil), Choices: [][]Choice{t.nav(lang)}}
	}
	name, _ := o.Name.In(lang)
	lines := []string{name + " — " + orgFull(org)}
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
		lines = append(lines, t.e.text(lang, addressLabel(o), nil)+" : "+addr)
	}
	if c := contacts(o, org); c != "" {
		lines = append(lines, t.e.text(lang, "detail_contacts", nil)+" : "+c)
	}
	team := t.e.cfg.Staff && !o.HasContact(org)
	lines = append(lines, t.noContact(lang, o, org, team)...)
	if !o.Verified.IsZero() {
		lines = append(lines, t.e.text(lang, "detail_verified", map[string]any{"Date": o.Verified.Format("02/01/2006")}))
	}
	if fellBack {
		lines = append(lines, t.e.text(lang, "detail_fallback", nil))
	}
	text := clip(spellOut(strings.Join(lines, "\n\n"), t.cat.Acronyms()), maxDetails-200) + t.feedbackLine(lang)
	r := Reply{Text: text, Choices: t.feedbackRows(lang, true), Place: pin(lang, o)}
	if team {
		r.Choices = append(r.Choices, []Choice{t.buttonIn(lang, idHandoff, "choice_handoff")})
	}
	r.Choices = append(r.Choices, t.nav(lang))
	if p := firstPhone(o, org); p != "" {
		r.Contact = &Contact{Name: orgName(org), Phone: p}
	}
	return r
}

// noContact says, for an offer that publishes no contact, so and where to turn instead: the
// area's reception offices and, when a staff group is configured, the team.
func (t *turn) noContact(lang string, o *catalog.Offer, org *catalog.Organization, team bool) []string {
	if o.HasContact(org) {
		return nil
	}
	out := []string{t.e.text(lang, "detail_no_contact", nil)}
	if offices := t.reception(lang, nil, o.ID); offices != "" {
		out = append(out, t.e.text(lang, "results_reception", nil)+offices)
	}
	if team {
		out = append(out, t.e.text(lang, "results_handoff", nil))
	}
	return out
}

// orgFull is an organisation's acronym with its long form, "ANPEJ (Agence nationale …)", so a
// page names it in full where it is about it; the name alone without an acronym.
func orgFull(org *catalog.Organization) string {
	if org == nil || org.Acronym == "" {
		return orgName(org)
	}
	long := org.LongName()
	if long == "" || long == org.Acronym {
		return org.Acronym
	}
	return org.Acronym + " (" + long + ")"
}

// addressLabel is "Adresse" when the first office has one, else "Où aller" (a place name).
func addressLabel(o *catalog.Offer) string {
	if len(o.Locations) > 0 && o.Locations[0].Address.Empty() {
		return "detail_where"
	}
	return "detail_address"
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
	p := t.page(t.s.O)
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
