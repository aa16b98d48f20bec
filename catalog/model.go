// Package catalog holds the assistance offers staff maintain: the model, the bundled
// reference list of Senegal's places, loading with line-numbered validation, and matching.
// It is a leaf: it imports nothing else from this module.
package catalog

import "time"

// Text is a piece of catalog text in French (required) and Wolof (optional).
type Text struct {
	Fr string `yaml:"fr" json:"fr"`
	Wo string `yaml:"wo,omitempty" json:"wo,omitempty"`
}

// In returns the text in lang, falling back to French; fallback reports that it did.
func (t Text) In(lang string) (s string, fallback bool) {
	if lang == "wo" && t.Wo != "" {
		return t.Wo, false
	}
	return t.Fr, lang == "wo" && t.Fr != ""
}

// Empty reports whether neither language has text.
func (t Text) Empty() bool { return t.Fr == "" && t.Wo == "" }

// Need is what a user is looking for; its value is a stable ASCII id used in buttons and files.
type Need string

// The needs, in the order the bot shows them.
const (
	NeedJob       Need = "emploi"
	NeedTraining  Need = "formation"
	NeedFinance   Need = "financement"
	NeedHealth    Need = "sante"
	NeedPapers    Need = "papiers"
	NeedMigration Need = "migration"
	NeedTalk      Need = "parler"
)

// Needs lists every need in display order.
func Needs() []Need {
	return []Need{NeedJob, NeedTraining, NeedFinance, NeedHealth, NeedPapers, NeedMigration, NeedTalk}
}

// Audience is who an offer is for; its value is a stable ASCII id.
type Audience string

// The audiences, in the order the bot shows them.
const (
	AudienceReturnee Audience = "retour"
	AudienceYouth    Audience = "jeune"
	AudienceFamily   Audience = "famille"
	AudienceOther    Audience = "autre"
)

// Audiences lists every audience in display order.
func Audiences() []Audience {
	return []Audience{AudienceReturnee, AudienceYouth, AudienceFamily, AudienceOther}
}

// Region is one of Senegal's 14 regions from the bundled reference list.
type Region struct {
	ID          string       // ASCII slug, e.g. "diourbel"
	Name        string       // display name, e.g. "Diourbel"
	Aliases     []string     // accepted spellings
	Lat, Lon    float64      // centroid
	Departments []Department // in display order
	// AskDepartment marks a focus region where the bot always asks for the department.
	AskDepartment bool
}

// Department is a department of a region from the bundled reference list.
type Department struct {
	ID       string // ASCII slug, unique country-wide, e.g. "mbacke"
	Name     string // display name, e.g. "Mbacké"
	Region   string // region ID
	Aliases  []string
	Lat, Lon float64 // centroid
}

// Scope says how local an offer is relative to a query; lower ranks first.
type Scope int

// Scopes from most to least local.
const (
	ScopeLocal    Scope = iota // the user's department, or a radius around an office near them
	ScopeRegional              // the user's region
	ScopeNational              // the whole country
)

// Organization runs offers.
type Organization struct {
	ID       string   `yaml:"id" json:"id"`
	Name     string   `yaml:"name" json:"name"`
	Acronym  string   `yaml:"acronym,omitempty" json:"acronym,omitempty"`
	Summary  Text     `yaml:"description,omitempty" json:"description,omitempty"`
	Website  string   `yaml:"website,omitempty" json:"website,omitempty"`
	Email    string   `yaml:"email,omitempty" json:"email,omitempty"`
	Phones   []Phone  `yaml:"phones,omitempty" json:"phones,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
	Verified Date     `yaml:"verified" json:"verified"`
}

// Phone is a public phone number in E.164 form (+221...).
type Phone struct {
	Number string `yaml:"number" json:"number"`
	Label  Text   `yaml:"label,omitempty" json:"label,omitempty"`
}

// Location is a place where an offer is delivered (HSDS location).
type Location struct {
	Name       Text    `yaml:"name" json:"name"`
	Address    Text    `yaml:"address,omitempty" json:"address,omitempty"`
	Region     string  `yaml:"region,omitempty" json:"region,omitempty"`
	Department string  `yaml:"department,omitempty" json:"department,omitempty"`
	Lat        float64 `yaml:"lat,omitempty" json:"lat,omitempty"`
	Lon        float64 `yaml:"lon,omitempty" json:"lon,omitempty"`
}

// HasPoint reports whether the location has coordinates.
func (l Location) HasPoint() bool { return l.Lat != 0 || l.Lon != 0 }

// Area is where an offer is available (HSDS service_area).
type Area struct {
	National    bool     `yaml:"national,omitempty" json:"national,omitempty"`
	Regions     []string `yaml:"regions,omitempty" json:"regions,omitempty"`
	Departments []string `yaml:"departments,omitempty" json:"departments,omitempty"`
	RadiusKm    float64  `yaml:"radius_km,omitempty" json:"radius_km,omitempty"` // around the offer's locations
}

// Window is an application window for calls for projects; a zero bound is open-ended.
type Window struct {
	Opens  Date `yaml:"opens,omitempty" json:"opens,omitempty"`
	Closes Date `yaml:"closes,omitempty" json:"closes,omitempty"`
}

// Date is a calendar date (YYYY-MM-DD) in the catalog.
type Date struct{ time.Time }

// Offer is one assistance offer (HSDS service) with everything a user needs to act on it.
type Offer struct {
	ID          string     `yaml:"id" json:"id"` // [a-z0-9-], at most 40 bytes: used in button data
	Org         string     `yaml:"organization" json:"organization"`
	Name        Text       `yaml:"name" json:"name"`
	Summary     Text       `yaml:"summary" json:"summary"` // one line shown in results
	Description Text       `yaml:"description,omitempty" json:"description,omitempty"`
	Eligibility Text       `yaml:"eligibility,omitempty" json:"eligibility,omitempty"`
	HowToApply  Text       `yaml:"how_to_apply,omitempty" json:"how_to_apply,omitempty"`
	Documents   Text       `yaml:"documents,omitempty" json:"documents,omitempty"`
	Cost        Text       `yaml:"cost,omitempty" json:"cost,omitempty"`
	Schedule    Text       `yaml:"schedule,omitempty" json:"schedule,omitempty"`
	Audiences   []Audience `yaml:"audiences" json:"audiences"`
	Needs       []Need     `yaml:"needs" json:"needs"`
	Area        Area       `yaml:"area" json:"area"`
	Locations   []Location `yaml:"locations,omitempty" json:"locations,omitempty"`
	Phones      []Phone    `yaml:"phones,omitempty" json:"phones,omitempty"`
	Email       string     `yaml:"email,omitempty" json:"email,omitempty"`
	Website     string     `yaml:"website,omitempty" json:"website,omitempty"`
	Window      Window     `yaml:"window,omitempty" json:"window,omitempty"`
	Status      string     `yaml:"status" json:"status"`                                       // active | inactive
	General     bool       `yaml:"general_contact,omitempty" json:"general_contact,omitempty"` // reception office or hotline shown when nothing matches
	Keywords    Keywords   `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	Sources     []string   `yaml:"sources" json:"sources"`
	Verified    Date       `yaml:"verified" json:"verified"`
}

// Keywords are extra search words per language.
type Keywords struct {
	Fr []string `yaml:"fr,omitempty" json:"fr,omitempty"`
	Wo []string `yaml:"wo,omitempty" json:"wo,omitempty"`
}

// InfoPage is an information page (not an offer), e.g. about the risks of irregular routes.
type InfoPage struct {
	ID       string   `yaml:"id" json:"id"`
	Needs    []Need   `yaml:"needs" json:"needs"`
	Title    Text     `yaml:"title" json:"title"`
	Body     Text     `yaml:"body" json:"body"`
	Sources  []string `yaml:"sources" json:"sources"`
	Verified Date     `yaml:"verified" json:"verified"`
}

// Query selects offers for a user's answers.
type Query struct {
	Audience   Audience
	Need       Need
	Region     string  // region ID, may be empty
	Department string  // department ID, may be empty
	Point      *LatLon // a shared location, when the user gave one
	Now        time.Time
	Limit      int // 0 means no limit
}

// LatLon is a point on Earth in degrees.
type LatLon struct{ Lat, Lon float64 }

// Result is one matching offer with how it was matched.
type Result struct {
	Offer      *Offer
	Org        *Organization
	Scope      Scope
	DistanceKm float64 // distance to the nearest office when the query had a point; -1 otherwise
}

// MarshalYAML writes a date as YYYY-MM-DD, the form staff read and write; a zero date is
// written empty (null), so a required date left blank is reported instead of read as year 1.
func (d Date) MarshalYAML() (any, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.Format(time.DateOnly), nil
}

// String formats a date as YYYY-MM-DD ("" when zero).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
