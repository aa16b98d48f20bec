package alerts_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/catalog"
)

// newOffer is a call for projects in Mbacké with a window, added to the test catalog.
const newOffer = `
  - id: appel-mbacke
    organization: exemple
    name: {fr: "Appel fictif de Mbacké"}
    summary: {fr: "Appel fictif de test."}
    audiences: [retour]
    needs: [financement]
    area: {departments: [mbacke]}
    window: {opens: 2026-12-01, closes: 2026-12-10}
    status: active
    sources: [https://example.org]
    verified: 2026-11-29
`

// catalogWith parses the flows test catalog with extra offers inserted.
func catalogWith(t *testing.T, extra string) *catalog.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "flows", "testdata", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "\ninfo_pages:", extra+"\ninfo_pages:", 1)
	c, err := catalog.Parse("catalog.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// keysOf returns the keys of the offer's change, and whether it is there.
func keysOf(changes []alerts.Change, offer string, remind bool) ([]string, bool) {
	for _, c := range changes {
		if c.Offer == offer && c.Remind == remind {
			return c.Keys, true
		}
	}
	return nil, false
}

func TestDetect(t *testing.T) {
	cat := catalogWith(t, newOffer)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(10 * time.Hour) }
	tests := []struct {
		name   string
		now    string
		offer  string
		remind bool
		want   []string // keys that must be there
		not    []string // keys that must not
		absent bool
	}{
		{"before the window", "2026-11-30", "appel-mbacke", false, nil, nil, true},
		{"window open: the department and its region", "2026-12-01", "appel-mbacke", false,
			[]string{"financement:d-mbacke", "financement:r-diourbel"}, []string{"financement:d-bambey", "financement:r-dakar", "emploi:d-mbacke"}, false},
		{"local offer", "2026-12-01", "exemple-mbacke-emploi", false, []string{"emploi:d-mbacke"}, []string{"emploi:d-bambey"}, false},
		{"no reminder a week before closing", "2026-12-03", "appel-mbacke", true, nil, nil, true},
		{"reminder 3 days before closing", "2026-12-07", "appel-mbacke", true, nil, nil, false},
		{"after the window", "2026-12-11", "appel-mbacke", false, nil, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			keys, found := keysOf(alerts.Detect(cat, day(tc.now)), tc.offer, tc.remind)
			if found == tc.absent {
				t.Fatalf("found = %v", found)
			}
			for _, k := range tc.want {
				if !slices.Contains(keys, k) {
					t.Errorf("missing %s in %v", k, keys)
				}
			}
			for _, k := range tc.not {
				if slices.Contains(keys, k) {
					t.Errorf("unexpected %s", k)
				}
			}
		})
	}
}

func TestDetectNationalOfferEverywhere(t *testing.T) {
	cat := catalogWith(t, "")
	changes := alerts.Detect(cat, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	for _, c := range changes {
		o, _, _ := cat.Offer(c.Offer)
		if c.Remind || !o.Area.National {
			continue
		}
		need := string(o.Needs[0])
		for _, k := range []string{need + ":all", need + ":r-dakar", need + ":d-mbacke"} {
			if !slices.Contains(c.Keys, k) {
				t.Errorf("national offer %s not under %s", c.Offer, k)
			}
		}
		return
	}
	t.Fatal("no national offer in the test catalog")
}
