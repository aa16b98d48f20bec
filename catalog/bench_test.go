package catalog

import (
	"fmt"
	"strings"
	"testing"
)

// generatedYAML builds a valid catalog of n offers spread over all departments, with a mix
// of national, regional, departmental and radius areas.
func generatedYAML(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\norganizations:\n")
	for i := range 50 {
		fmt.Fprintf(&b, "  - id: org-%d\n    name: Organisation %d\n    sources: [https://org%d.example.sn]\n    verified: 2026-10-01\n", i, i, i)
	}
	b.WriteString("offers:\n")
	rows := placeRows()
	words := []string{"couture", "menuiserie", "agriculture", "elevage", "informatique", "commerce", "soudure", "coiffure", "transport", "peche"}
	needs, auds := Needs(), Audiences()
	for i := range n {
		r := rows[i%len(rows)]
		area := fmt.Sprintf("{departments: [%s]}", r.id)
		switch i % 4 {
		case 0:
			area = "{national: true}"
		case 1:
			area = fmt.Sprintf("{regions: [%s]}", r.region)
		case 2:
			area = "{radius_km: 25}"
		}
		fmt.Fprintf(&b, `  - id: offer-%d
    organization: org-%d
    name: {fr: "Programme %s %d", wo: "Prograam %s"}
    summary: {fr: "Appui en %s pour les jeunes et les migrants de retour"}
    audiences: [%s, %s]
    needs: [%s]
    area: %s
    locations: [{name: {fr: Bureau}, region: %s, department: %s, lat: %.4f, lon: %.4f}]
    status: active
    keywords: {fr: [%s]}
    sources: [https://org.example.sn/o%d]
    verified: 2026-10-01
`, i, i%50, words[i%len(words)], i, words[(i+3)%len(words)], words[(i+1)%len(words)],
			auds[i%len(auds)], auds[(i+1)%len(auds)], needs[i%len(needs)], area,
			r.region, r.id, r.lat+0.01*float64(i%7), r.lon, words[(i+5)%len(words)], i)
	}
	return []byte(b.String())
}

func TestGeneratedCatalogIsValid(t *testing.T) {
	c, err := Parse("gen.yaml", generatedYAML(200))
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 200 || len(c.Search("couture", testNow, 0)) == 0 {
		t.Fatalf("generated catalog: %d offers", c.Len())
	}
}

// benchCatalog parses the 10,000-offer catalog once per benchmark.
func benchCatalog(b *testing.B) *Catalog {
	b.Helper()
	c, err := Parse("gen.yaml", generatedYAML(10000))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkMatch10k(b *testing.B) {
	c := benchCatalog(b)
	qs := []Query{
		{Audience: AudienceReturnee, Need: NeedJob, Region: "diourbel", Department: "mbacke", Now: testNow, Limit: 5},
		{Audience: AudienceYouth, Need: NeedTraining, Point: &LatLon{14.8, -15.9}, Now: testNow, Limit: 5},
		{Audience: AudienceFamily, Need: NeedHealth, Region: "dakar", Now: testNow, Limit: 5},
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Match(qs[i%len(qs)])
	}
}

func BenchmarkSearch10k(b *testing.B) {
	c := benchCatalog(b)
	qs := []string{"couture", "liggéey ci Touba", "menuserie", "je cherche un travail en informatique"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Search(qs[i%len(qs)], testNow, 5)
	}
}

func BenchmarkParse10k(b *testing.B) {
	data := generatedYAML(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse("gen.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
