package catalog

// ReachKind is how a person can get to an offer, from the most to the least direct.
type ReachKind int

// The ways to reach an offer, in the order Reach prefers them.
const (
	ReachNone    ReachKind = iota // nothing published: send the person to a reception office or the team
	ReachPhone                    // 📞 a phone number of the offer or its organisation
	ReachAddress                  // 📍 an office with a street address or directions
	ReachWeb                      // 🌐 the official page with the procedure
	ReachEmail                    // ✉️ an e-mail address
	ReachPlace                    // a named place to go, without an address
)

// Reach is the single best way to get to an offer; only the fields of its Kind are set.
type Reach struct {
	Kind     ReachKind
	Phone    string    // ReachPhone: E.164 number
	Location *Location // ReachAddress, ReachPlace: the office (points into the catalog; read-only)
	URL      string    // ReachWeb
	Email    string    // ReachEmail
}

// BestReach says how a person should get to the offer: phone, office address, procedure
// page, e-mail, then a named place; org is the offer's organisation (may be nil).
func (o *Offer) BestReach(org *Organization) Reach {
	if p := o.firstPhone(org); p != "" {
		return Reach{Kind: ReachPhone, Phone: p}
	}
	if l := o.addressed(); l != nil {
		return Reach{Kind: ReachAddress, Location: l}
	}
	if w := o.website(org); w != "" {
		return Reach{Kind: ReachWeb, URL: w}
	}
	if m := o.email(org); m != "" {
		return Reach{Kind: ReachEmail, Email: m}
	}
	for i := range o.Locations {
		if o.Locations[i].Name.Fr != "" {
			return Reach{Kind: ReachPlace, Location: &o.Locations[i]}
		}
	}
	return Reach{}
}

// Actionable reports whether a person can act on an active offer from what the catalog
// says: a phone of it or its organisation, an office with an address, or a website.
func (o *Offer) Actionable(org *Organization) bool {
	if o.Status != "active" {
		return false
	}
	return o.firstPhone(org) != "" || o.addressed() != nil || o.website(org) != ""
}

// HasContact reports whether the offer or its organisation publishes any contact at all:
// a phone, an office address, a website or an e-mail (a place name alone is not one).
func (o *Offer) HasContact(org *Organization) bool {
	return o.firstPhone(org) != "" || o.addressed() != nil || o.website(org) != "" || o.email(org) != ""
}

// firstPhone is the offer's first phone, else its organisation's.
func (o *Offer) firstPhone(org *Organization) string {
	for _, p := range o.Phones {
		if p.Number != "" {
			return p.Number
		}
	}
	if org != nil {
		for _, p := range org.Phones {
			if p.Number != "" {
				return p.Number
			}
		}
	}
	return ""
}

// addressed is the first office with an address, or nil.
func (o *Offer) addressed() *Location {
	for i := range o.Locations {
		if o.Locations[i].Address.Fr != "" || o.Locations[i].Address.Wo != "" {
			return &o.Locations[i]
		}
	}
	return nil
}

// website is the offer's page, else its organisation's.
func (o *Offer) website(org *Organization) string {
	if o.Website != "" || org == nil {
		return o.Website
	}
	return org.Website
}

// email is the offer's e-mail, else its organisation's.
func (o *Offer) email(org *Organization) string {
	if o.Email != "" || org == nil {
		return o.Email
	}
	return org.Email
}
