package catalog

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// HSDS 3.0 objects (Open Referral Human Services Data Specification). HSDS has one text per
// field, so an export is in one language (French by default, or Wolof with French where a
// Wolof text is missing); the CSV export keeps both.
type (
	hsdsExport struct {
		Organizations []hsdsOrg      `json:"organizations"`
		Services      []hsdsService  `json:"services"`
		Locations     []hsdsLocation `json:"locations"`
	}
	hsdsOrg struct {
		ID            string      `json:"id"`
		Name          string      `json:"name"`
		AlternateName string      `json:"alternate_name,omitempty"`
		Description   string      `json:"description"`
		Email         string      `json:"email,omitempty"`
		Website       string      `json:"website,omitempty"`
		Phones        []hsdsPhone `json:"phones"`
		Identifiers   []hsdsIdent `json:"organization_identifiers"`
	}
	hsdsIdent struct {
		ID         string `json:"id"`
		Scheme     string `json:"identifier_scheme"`
		Type       string `json:"identifier_type"`
		Identifier string `json:"identifier"`
	}
	hsdsPhone struct {
		ID          string `json:"id"`
		Number      string `json:"number"`
		Type        string `json:"type"`
		Description string `json:"description,omitempty"`
	}
	hsdsService struct {
		ID                     string           `json:"id"`
		OrganizationID         string           `json:"organization_id"`
		Name                   string           `json:"name"`
		Description            string           `json:"description"`
		URL                    string           `json:"url,omitempty"`
		Email                  string           `json:"email,omitempty"`
		Status                 string           `json:"status"`
		ApplicationProcess     string           `json:"application_process,omitempty"`
		FeesDescription        string           `json:"fees_description,omitempty"`
		EligibilityDescription string           `json:"eligibility_description,omitempty"`
		AssuredDate            string           `json:"assured_date"`
		Phones                 []hsdsPhone      `json:"phones"`
		Schedules              []hsdsSchedule   `json:"schedules"`
		ServiceAreas           []hsdsArea       `json:"service_areas"`
		ServiceAtLocations     []hsdsAtLocation `json:"service_at_locations"`
		CostOptions            []hsdsCost       `json:"cost_options"`
		RequiredDocuments      []hsdsDocument   `json:"required_documents"`
		Languages              []hsdsLanguage   `json:"languages"`
	}
	hsdsSchedule struct {
		ID          string `json:"id"`
		ServiceID   string `json:"service_id"`
		Description string `json:"description"`
		ValidFrom   string `json:"valid_from,omitempty"`
		ValidTo     string `json:"valid_to,omitempty"`
	}
	hsdsArea struct {
		ID          string `json:"id"`
		ServiceID   string `json:"service_id"`
		Name        string `json:"name"`
		Description string `json:"description,omitempty"`
	}
	hsdsAtLocation struct {
		ID         string `json:"id"`
		ServiceID  string `json:"service_id"`
		LocationID string `json:"location_id"`
	}
	hsdsCost struct {
		ID                string `json:"id"`
		ServiceID         string `json:"service_id"`
		AmountDescription string `json:"amount_description"`
	}
	hsdsDocument struct {
		ID        string `json:"id"`
		ServiceID string `json:"service_id"`
		Document  string `json:"document"`
	}
	hsdsLanguage struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Code string `json:"code"`
	}
	hsdsLocation struct {
		ID             string        `json:"id"`
		LocationType   string        `json:"location_type"`
		OrganizationID string        `json:"organization_id"`
		Name           string        `json:"name"`
		Latitude       *float64      `json:"latitude,omitempty"`
		Longitude      *float64      `json:"longitude,omitempty"`
		Addresses      []hsdsAddress `json:"addresses"`
	}
	hsdsAddress struct {
		ID            string `json:"id"`
		LocationID    string `json:"location_id"`
		Address1      string `json:"address_1"`
		City          string `json:"city"`
		Region        string `json:"region,omitempty"`
		StateProvince string `json:"state_province"`
		PostalCode    string `json:"postal_code"`
		Country       string `json:"country"`
		AddressType   string `json:"address_type"`
	}
)

// hsdsID derives a stable UUID (version 5 layout, SHA-1) from a catalog key, as HSDS wants UUIDs.
func hsdsID(parts ...string) string {
	h := sha1.Sum([]byte("samayoon:" + strings.Join(parts, "/")))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// ExportHSDS writes the catalog as HSDS 3.0 JSON for other service directories, with the
// texts in lang ("fr" or "wo"; Wolof falls back to French text by text).
func ExportHSDS(w io.Writer, c *Catalog, lang string) error {
	if lang != "fr" && lang != "wo" {
		return fmt.Errorf("hsds: langue « %s » inconnue (fr ou wo)", lang)
	}
	tx := func(t Text) string { s, _ := t.In(lang); return s }
	out := hsdsExport{Organizations: []hsdsOrg{}, Services: []hsdsService{}, Locations: []hsdsLocation{}}
	for _, o := range c.orgs {
		out.Organizations = append(out.Organizations, hsdsOrganization(o, tx))
	}
	for i := range c.offers {
		s, locs := hsdsServiceOf(&c.offers[i], tx)
		out.Services = append(out.Services, s)
		out.Locations = append(out.Locations, locs...)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	return nil
}

// hsdsOrganization converts an organization; tx picks the export's language.
func hsdsOrganization(o Organization, tx func(Text) string) hsdsOrg {
	id := hsdsID("org", o.ID)
	return hsdsOrg{
		ID: id, Name: o.Name, AlternateName: o.Acronym, Description: tx(o.Summary),
		Email: o.Email, Website: o.Website, Phones: hsdsPhones(o.Phones, "org", o.ID, tx),
		Identifiers: []hsdsIdent{{ID: hsdsID("orgident", o.ID), Scheme: "samayoon", Type: "catalog id", Identifier: o.ID}},
	}
}

// hsdsPhones converts phones.
func hsdsPhones(ps []Phone, owner, id string, tx func(Text) string) []hsdsPhone {
	out := []hsdsPhone{}
	for i, p := range ps {
		out = append(out, hsdsPhone{ID: hsdsID(owner, id, "phone", fmt.Sprint(i)), Number: p.Number, Type: "voice", Description: tx(p.Label)})
	}
	return out
}

// hsdsServiceOf converts an offer and its locations; tx picks the export's language.
func hsdsServiceOf(o *Offer, tx func(Text) string) (hsdsService, []hsdsLocation) {
	sid := hsdsID("offer", o.ID)
	desc := tx(o.Summary)
	if d := tx(o.Description); d != "" {
		desc += "\n\n" + d
	}
	s := hsdsService{
		ID: sid, OrganizationID: hsdsID("org", o.Org), Name: tx(o.Name), Description: desc,
		URL: o.Website, Email: o.Email, Status: o.Status, ApplicationProcess: tx(o.HowToApply),
		FeesDescription: tx(o.Cost), EligibilityDescription: tx(o.Eligibility), AssuredDate: o.Verified.String(),
		Phones: hsdsPhones(o.Phones, "offer", o.ID, tx), Schedules: []hsdsSchedule{}, ServiceAreas: hsdsAreas(sid, o.Area),
		ServiceAtLocations: []hsdsAtLocation{}, CostOptions: []hsdsCost{}, RequiredDocuments: []hsdsDocument{},
		Languages: []hsdsLanguage{{ID: hsdsID("offer", o.ID, "lang", "fr"), Name: "French", Code: "fr"}},
	}
	if tx(o.Schedule) != "" || !o.Window.Opens.IsZero() || !o.Window.Closes.IsZero() {
		s.Schedules = append(s.Schedules, hsdsSchedule{ID: hsdsID("offer", o.ID, "schedule"), ServiceID: sid,
			Description: tx(o.Schedule), ValidFrom: o.Window.Opens.String(), ValidTo: o.Window.Closes.String()})
	}
	if c := tx(o.Cost); c != "" {
		s.CostOptions = append(s.CostOptions, hsdsCost{ID: hsdsID("offer", o.ID, "cost"), ServiceID: sid, AmountDescription: c})
	}
	if d := tx(o.Documents); d != "" {
		s.RequiredDocuments = append(s.RequiredDocuments, hsdsDocument{ID: hsdsID("offer", o.ID, "docs"), ServiceID: sid, Document: d})
	}
	var locs []hsdsLocation
	for i, l := range o.Locations {
		loc := hsdsLocationOf(o, i, l, tx)
		locs = append(locs, loc)
		s.ServiceAtLocations = append(s.ServiceAtLocations, hsdsAtLocation{ID: hsdsID("offer", o.ID, "at", fmt.Sprint(i)), ServiceID: sid, LocationID: loc.ID})
	}
	return s, locs
}

// hsdsAreas converts the area into service_areas.
func hsdsAreas(sid string, a Area) []hsdsArea {
	out := []hsdsArea{}
	add := func(name, desc string) {
		out = append(out, hsdsArea{ID: hsdsID(sid, "area", name), ServiceID: sid, Name: name, Description: desc})
	}
	if a.National {
		add("Sénégal", "national")
	}
	for _, r := range a.Regions {
		if reg, ok := RegionByID(r); ok {
			add(reg.Name, "région")
		}
	}
	for _, d := range a.Departments {
		if dep, ok := DepartmentByID(d); ok {
			add(dep.Name, "département")
		}
	}
	if a.RadiusKm > 0 {
		add(fmt.Sprintf("%g km", a.RadiusKm), fmt.Sprintf("rayon de %g km autour des lieux du service", a.RadiusKm))
	}
	return out
}

// hsdsLocationOf converts one place where an offer is delivered.
func hsdsLocationOf(o *Offer, i int, l Location, tx func(Text) string) hsdsLocation {
	id := hsdsID("offer", o.ID, "location", fmt.Sprint(i))
	loc := hsdsLocation{ID: id, LocationType: "physical", OrganizationID: hsdsID("org", o.Org), Name: tx(l.Name), Addresses: []hsdsAddress{}}
	if l.HasPoint() {
		lat, lon := l.Lat, l.Lon
		loc.Latitude, loc.Longitude = &lat, &lon
	}
	if tx(l.Address) != "" || l.Department != "" || l.Region != "" {
		city, region := "", ""
		if d, ok := DepartmentByID(l.Department); ok {
			city = d.Name
		}
		if r, ok := RegionByID(l.Region); ok {
			region = r.Name
		}
		loc.Addresses = append(loc.Addresses, hsdsAddress{ID: hsdsID(id, "address"), LocationID: id, Address1: tx(l.Address),
			City: city, Region: region, StateProvince: region, Country: "SN", AddressType: "physical"})
	}
	return loc
}
