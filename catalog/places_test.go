package catalog

import (
	"math"
	"strings"
	"testing"
)

func TestRegionsReference(t *testing.T) {
	rs := Regions()
	if len(rs) != 14 {
		t.Fatalf("%d regions, want 14", len(rs))
	}
	depts, ids := 0, map[string]bool{}
	for i, r := range rs {
		if i > 0 && Fold(rs[i-1].Name) > Fold(r.Name) {
			t.Errorf("regions not sorted: %s before %s", rs[i-1].Name, r.Name)
		}
		for _, d := range r.Departments {
			if ids[d.ID] {
				t.Errorf("department id %s repeated", d.ID)
			}
			ids[d.ID] = true
			if d.Region != r.ID || d.Lat < 12 || d.Lat > 17 || d.Lon < -18 || d.Lon > -11 {
				t.Errorf("department %+v out of place", d)
			}
		}
		depts += len(r.Departments)
	}
	if depts != 46 {
		t.Errorf("%d departments, want 46", depts)
	}
	rs[0].Departments[0].Name = "changed"
	if Regions()[0].Departments[0].Name == "changed" {
		t.Error("Regions shares state between calls")
	}
}

func TestRegionAndDepartmentByID(t *testing.T) {
	if r, ok := RegionByID("diourbel"); !ok || len(r.Departments) != 3 || !r.AskDepartment {
		t.Errorf("RegionByID(diourbel) = %+v, %v", r, ok)
	}
	if d, ok := DepartmentByID("mbacke"); !ok || d.Name != "Mbacké" || d.Region != "diourbel" {
		t.Errorf("DepartmentByID(mbacke) = %+v, %v", d, ok)
	}
	if _, ok := RegionByID("paris"); ok {
		t.Error("RegionByID(paris) found")
	}
	if _, ok := DepartmentByID(""); ok {
		t.Error("DepartmentByID(\"\") found")
	}
}

func TestFindPlace(t *testing.T) {
	cases := []struct {
		name, text, region, dept string
		ok                       bool
	}{
		{"region name", "Diourbel", "diourbel", "", true},
		{"department name with accent", "Mbacké", "diourbel", "mbacke", true},
		{"without accent upper case", "MBACKE", "diourbel", "mbacke", true},
		{"alias Touba", "touba", "diourbel", "mbacke", true},
		{"St Louis", "St Louis", "saint-louis", "", true},
		{"Thies without accent", "Thies", "thies", "", true},
		{"Kedougou", "Kedougou", "kedougou", "", true},
		{"in a sentence", "j'habite à Touba depuis 2 ans", "diourbel", "mbacke", true},
		{"multi-word department", "medina yoro foulah", "kolda", "medina-yoro-foulah", true},
		{"dash spelling", "Nioro-du-Rip", "kaolack", "nioro-du-rip", true},
		{"unknown", "Paris", "", "", false},
		{"empty", "  ", "", "", false},
		{"part of a word is not a match", "bambeyyy", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, d, ok := FindPlace(tc.text)
			if r != tc.region || d != tc.dept || ok != tc.ok {
				t.Errorf("FindPlace(%q) = %q, %q, %v; want %q, %q, %v", tc.text, r, d, ok, tc.region, tc.dept, tc.ok)
			}
		})
	}
}

func TestNearestDepartmentAndHaversine(t *testing.T) {
	cases := []struct {
		name string
		p    LatLon
		want string
	}{
		{"Touba mosque", LatLon{14.866, -15.879}, "mbacke"},
		{"Bambey town", LatLon{14.70, -16.46}, "bambey"},
		{"Dakar Plateau", LatLon{14.67, -17.43}, "dakar"},
		{"Ziguinchor", LatLon{12.56, -16.27}, "ziguinchor"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if d, km := NearestDepartment(tc.p); d.ID != tc.want || km > 15 {
				t.Errorf("NearestDepartment = %s (%.1f km), want %s", d.ID, km, tc.want)
			}
		})
	}
	// Dakar to Diourbel is about 135 km by great circle.
	if km := Haversine(LatLon{14.693, -17.447}, LatLon{14.655, -16.232}); math.Abs(km-131) > 6 {
		t.Errorf("Haversine(Dakar, Diourbel) = %.1f", km)
	}
	if km := Haversine(LatLon{1, 2}, LatLon{1, 2}); km != 0 {
		t.Errorf("Haversine(p, p) = %v", km)
	}
}

func TestFoldASCIIMatchesUnicodePath(t *testing.T) {
	var all strings.Builder
	for c := range 0x80 {
		all.WriteByte(byte(c))
	}
	for _, s := range []string{"", " ", "Thies", "THIES  ", "  Keur-Massar ", "a.b,c;d", "Offre 12 -- Dakar!", "x\ty\nz", all.String(), "\x00A\x7f"} {
		got, ok := foldASCII(s)
		if want := foldUnicode(s); !ok || got != want {
			t.Errorf("foldASCII(%q) = %q, %v; foldUnicode = %q", s, got, ok, want)
		}
	}
	if _, ok := foldASCII("Thiès"); ok {
		t.Error("foldASCII accepted non-ASCII text")
	}
	if got := Fold("Thiès, THIES"); got != "thies thies" {
		t.Errorf("Fold = %q", got)
	}
}
