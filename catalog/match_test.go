package catalog

import (
	"testing"
	"time"
)

// ids lists the offer ids of results in order.
func ids(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Offer.ID
	}
	return out
}

// equal compares string slices.
func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMatch(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	touba := &LatLon{14.86, -15.88}
	cases := []struct {
		name string
		q    Query
		want []string
	}{
		{"local before national", Query{Audience: AudienceReturnee, Need: NeedJob, Region: "diourbel", Department: "mbacke"}, []string{"mbacke-jobs", "national-fund"}},
		{"other department gets national only", Query{Audience: AudienceReturnee, Need: NeedJob, Region: "diourbel", Department: "bambey"}, []string{"national-fund"}},
		{"region only includes its department offers", Query{Audience: AudienceReturnee, Need: NeedJob, Region: "diourbel"}, []string{"mbacke-jobs", "national-fund"}},
		{"regional offer", Query{Audience: AudienceYouth, Need: NeedTraining, Region: "diourbel", Department: "bambey"}, []string{"diourbel-training"}},
		{"audience filters", Query{Audience: AudienceFamily, Need: NeedTraining, Region: "diourbel"}, nil},
		{"other region", Query{Audience: AudienceYouth, Need: NeedTraining, Region: "thies"}, nil},
		{"closed window and inactive excluded", Query{Audience: AudienceReturnee, Need: NeedFinance, Region: "dakar"}, []string{"national-fund"}},
		{"window not yet open, other still open", Query{Audience: AudienceReturnee, Need: NeedFinance, Region: "dakar", Now: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}, []string{"closed-call"}},
		{"radius around office with point", Query{Audience: AudienceFamily, Need: NeedHealth, Point: touba}, []string{"touba-radius"}},
		{"radius from department town", Query{Audience: AudienceFamily, Need: NeedHealth, Department: "mbacke"}, []string{"touba-radius"}},
		{"outside radius", Query{Audience: AudienceFamily, Need: NeedHealth, Region: "diourbel", Department: "bambey"}, nil},
		{"limit", Query{Audience: AudienceReturnee, Need: NeedJob, Department: "mbacke", Limit: 1}, []string{"mbacke-jobs"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.q.Now.IsZero() {
				tc.q.Now = testNow
			}
			if got := ids(c.Match(tc.q)); !equal(got, tc.want) {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMatchScopesAndDistance(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	p := &LatLon{14.79, -15.91} // Mbacké town
	rs := c.Match(Query{Audience: AudienceReturnee, Need: NeedJob, Point: p, Now: testNow})
	if len(rs) != 2 || rs[0].Scope != ScopeLocal || rs[1].Scope != ScopeNational {
		t.Fatalf("Match = %v", rs)
	}
	if rs[0].DistanceKm < 0 || rs[0].DistanceKm > 1 || rs[1].DistanceKm != -1 || rs[0].Org.ID != "org-a" {
		t.Errorf("distances = %.2f, %.2f", rs[0].DistanceKm, rs[1].DistanceKm)
	}
	if rs := c.Match(Query{Audience: AudienceReturnee, Need: NeedJob, Department: "mbacke", Now: testNow}); rs[0].DistanceKm != -1 {
		t.Errorf("distance without point = %v, want -1", rs[0].DistanceKm)
	}
}

func TestMatchSortsByDistance(t *testing.T) {
	src := baseYAML + `  - id: offer-b
    organization: org-a
    name: {fr: Offre B}
    summary: {fr: Une offre}
    audiences: [retour]
    needs: [emploi]
    area: {departments: [mbacke]}
    locations: [{name: {fr: Near}, lat: 14.80, lon: -15.90}, {name: {fr: Far}, lat: 14.60, lon: -15.50}]
    status: active
    sources: [https://a.example.sn/b]
    verified: 2026-11-01
`
	c, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rs := c.Match(Query{Need: NeedJob, Point: &LatLon{14.80, -15.90}, Now: testNow})
	if got := ids(rs); !equal(got, []string{"offer-b", "offer-a"}) {
		t.Fatalf("order = %v, want nearest office first, offer without location last", got)
	}
}

func TestGeneralContactsAndDepartmentOffers(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	if got := ids(c.GeneralContacts("diourbel", "mbacke")); !equal(got, []string{"touba-radius"}) {
		t.Errorf("GeneralContacts(mbacke) = %v", got)
	}
	if got := c.GeneralContacts("dakar", ""); len(got) != 0 {
		t.Errorf("GeneralContacts(dakar) = %v", ids(got))
	}
	for _, tc := range []struct {
		region string
		want   bool
	}{{"diourbel", true}, {"dakar", false}, {"", false}} {
		if got := c.HasDepartmentOffers(tc.region); got != tc.want {
			t.Errorf("HasDepartmentOffers(%q) = %v", tc.region, got)
		}
	}
}

func TestFocusRegionAsksDepartment(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		region string
		want   bool
	}{{"diourbel", true}, {"louga", false}} {
		if got := c.HasDepartmentOffers(tc.region); got != tc.want {
			t.Errorf("shipped catalog: HasDepartmentOffers(%q) = %v, want %v", tc.region, got, tc.want)
		}
	}
}
