package catalog

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// HSDS 3.0 objects (Open Referral Human Services Data Specification), French text only:
// Wolof has no place in HSDS; the CSV export keeps everything.
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

// ExportHSDS writes the catalog as HSDS 3.0 JSON for other service directories.
func ExportHSDS(w io.Writer, c *Catalog) error {
	out := hsdsExport{Organizations: []hsdsOrg{}, Services: []hsdsService{}, Locations: []hsdsLocation{}}
	for _, o := range c.orgs {
		out.Organizations = append(out.Organizations, hsdsOrganization(o))
	}
	for i := range c.offers {
		s, locs := hsdsServiceOf(&c.offers[i])
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

// hsdsOrganization converts an organization.
func hsdsOrganization(o Organization) hsdsOrg {
	id := hsdsID("org", o.ID)
	return hsdsOrg{
		ID: id, Name: o.Name, AlternateName: o.Acronym, Description: o.Summary.Fr,
		Email: o.Email, Website: o.Website, Phones: hsdsPhones(o.Phones, "org", o.ID),
		Identifiers: []hsdsIdent{{ID: hsdsID("orgident", o.ID), Scheme: "samayoon", Type: "catalog id", Identifier: o.ID}},
	}
}

// hsdsPhones converts phones.
func hsdsPhones(ps []Phone, owner, id string) []hsdsPhone {
	out := []hsdsPhone{}
	for i, p := range ps {
		out = append(out, hsdsPhone{ID: hsdsID(owner, id, "phone", fmt.Sprint(i)), Number: p.Number, Type: "voice", Description: p.Label.Fr})
	}
	return out
}

// hsdsServiceOf converts an offer and its locations.
func hsdsServiceOf(o *Offer) (hsdsService, []hsdsLocation) {
	sid := hsdsID("offer", o.ID)
	desc := o.Summary.Fr
	if o.Description.Fr != "" {
		desc += "\n\n" + o.Description.Fr
	}
	s := hsdsService{
		ID: sid, OrganizationID: hsdsID("org", o.Org), Name: o.Name.Fr, Description: desc,
		URL: o.Website, Email: o.Email, Status: o.Status, ApplicationProcess: o.HowToApply.Fr,
		FeesDescription: o.Cost.Fr, EligibilityDescription: o.Eligibility.Fr, AssuredDate: o.Verified.String(),
		Phones: hsdsPhones(o.Phones, "offer", o.ID), Schedules: []hsdsSchedule{}, ServiceAreas: hsdsAreas(sid, o.Area),
		ServiceAtLocations: []hsdsAtLocation{}, CostOptions: []hsdsCost{}, RequiredDocuments: []hsdsDocument{},
		Languages: []hsdsLanguage{{ID: hsdsID("offer", o.ID, "lang", "fr"), Name: "French", Code: "fr"}},
	}
	if o.Schedule.Fr != "" || !o.Window.Opens.IsZero() || !o.Window.Closes.IsZero() {
		s.Schedules = append(s.Schedules, hsdsSchedule{ID: hsdsID("offer", o.ID, "schedule"), ServiceID: sid,
			Description: o.Schedule.Fr, ValidFrom: o.Window.Opens.String(), ValidTo: o.Window.Closes.String()})
	}
	if o.Cost.Fr != "" {
		s.CostOptions = append(s.CostOptions, hsdsCost{ID: hsdsID("offer", o.ID, "cost"), ServiceID: sid, AmountDescription: o.Cost.Fr})
	}
	if o.Documents.Fr != "" {
		s.RequiredDocuments = append(s.RequiredDocuments, hsdsDocument{ID: hsdsID("offer", o.ID, "docs"), ServiceID: sid, Document: o.Documents.Fr})
	}
	var locs []hsdsLocation
	for i, l := range o.Locations {
		loc := hsdsLocationOf(o, i, l)
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
func hsdsLocationOf(o *Offer, i int, l Location) hsdsLocation {
	id := hsdsID("offer", o.ID, "location", fmt.Sprint(i))
	loc := hsdsLocation{ID: id, LocationType: "physical", OrganizationID: hsdsID("org", o.Org), Name: l.Name.Fr, Addresses: []hsdsAddress{}}
	if l.HasPoint() {
		lat, lon := l.Lat, l.Lon
		loc.Latitude, loc.Longitude = &lat, &lon
	}
	if l.Address.Fr != "" || l.Department != "" || l.Region != "" {
		city, region := "", ""
		if d, ok := DepartmentByID(l.Department); ok {
			city = d.Name
		}
		if r, ok := RegionByID(l.Region); ok {
			region = r.Name
		}
		loc.Addresses = append(loc.Addresses, hsdsAddress{ID: hsdsID(id, "address"), LocationID: id, Address1: l.Address.Fr,
			City: city, Region: region, StateProvince: region, Country: "SN", AddressType: "physical"})
	}
	return loc
}
