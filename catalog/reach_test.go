package catalog

import (
	"slices"
	"testing"
)

func TestBestReachAndActionable(t *testing.T) {
	c := mustLoad(t, "testdata/reach.yaml")
	cases := []struct {
		id         string
		kind       ReachKind
		value      string
		actionable bool
		contact    bool
	}{
		{"by-org-phone", ReachPhone, "+221338000000", true, true},
		{"by-address", ReachAddress, "Route de Diourbel, Bambey", true, true},
		{"by-web", ReachWeb, "https://bare.example.sn/demarche", true, true},
		{"by-email", ReachEmail, "accueil@bare.example.sn", false, true},
		{"by-place", ReachPlace, "Au BAOS, dans les locaux de l'ARD, à Diourbel", false, false},
		{"unreachable", ReachNone, "", false, false},
		{"inactive-phone", ReachPhone, "+221338000000", false, true},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			o, org, ok := c.Offer(tc.id)
			if !ok {
				t.Fatalf("no offer %s", tc.id)
			}
			r := o.BestReach(org)
			if r.Kind != tc.kind || reachValue(r) != tc.value {
				t.Errorf("BestReach = %+v, want kind %d value %q", r, tc.kind, tc.value)
			}
			if got := o.Actionable(org); got != tc.actionable {
				t.Errorf("Actionable = %v, want %v", got, tc.actionable)
			}
			if got := o.HasContact(org); got != tc.contact {
				t.Errorf("HasContact = %v, want %v", got, tc.contact)
			}
		})
	}
}

// reachValue is the one value a Reach carries.
func reachValue(r Reach) string {
	switch r.Kind {
	case ReachPhone:
		return r.Phone
	case ReachAddress:
		return r.Location.Address.Fr
	case ReachWeb:
		return r.URL
	case ReachEmail:
		return r.Email
	case ReachPlace:
		return r.Location.Name.Fr
	}
	return ""
}

func TestMissingWolof(t *testing.T) {
	c := mustLoad(t, "testdata/reach.yaml")
	cases := []struct {
		id   string
		want []string
	}{
		{"by-org-phone", nil},
		{"by-address", []string{"locations[0].name", "locations[0].address"}},
		{"by-place", []string{"name", "summary", "locations[0].name"}},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			o, _, _ := c.Offer(tc.id)
			if got := o.MissingWolof(); !slices.Equal(got, tc.want) {
				t.Errorf("MissingWolof = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAcronyms(t *testing.T) {
	c := mustParse(t, `version: 1
organizations:
  - {id: a, name: "Agence nationale pour la promotion de l'emploi des jeunes", acronym: ANPEJ, sources: [https://a.example.sn], verified: 2026-11-01}
  - {id: b, name: "Bureaux d'accueil (BAOS) — DGASE", acronym: BAOS, sources: [https://b.example.sn], verified: 2026-11-01}
  - {id: c, name: "Agence régionale de développement de Diourbel", acronym: ARD Diourbel, sources: [https://c.example.sn], verified: 2026-11-01}
  - {id: d, name: "OIM", acronym: OIM, sources: [https://d.example.sn], verified: 2026-11-01}
  - {id: e, name: "Sans sigle", sources: [https://e.example.sn], verified: 2026-11-01}
  - {id: f, name: "Autre nom de l'ANPEJ", acronym: ANPEJ, sources: [https://f.example.sn], verified: 2026-11-01}
offers: []
`)
	want := []Acronym{
		{"ARD Diourbel", "Agence régionale de développement de Diourbel"},
		{"ANPEJ", "Agence nationale pour la promotion de l'emploi des jeunes"},
		{"BAOS", "Bureaux d'accueil — DGASE"},
	}
	if got := c.Acronyms(); !slices.Equal(got, want) {
		t.Errorf("Acronyms = %q, want %q", got, want)
	}
}
