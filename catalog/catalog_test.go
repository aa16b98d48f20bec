package catalog

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

// mustLoad loads a testdata catalog or fails the test.
func mustLoad(t testing.TB, path string) *Catalog {
	t.Helper()
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return c
}

func TestShippedCatalogValidates(t *testing.T) {
	c := mustLoad(t, "catalog.yaml")
	if c.Len() == 0 || len(c.Orgs()) == 0 {
		t.Fatalf("shipped catalog is empty: %d offers, %d orgs", c.Len(), len(c.Orgs()))
	}
	for _, o := range c.Offers() {
		if _, org, ok := c.Offer(o.ID); !ok || org == nil {
			t.Errorf("offer %s: organization %q not resolved", o.ID, o.Org)
		}
	}
}

func TestParseValidTestdata(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	if got := c.Len(); got != 6 {
		t.Fatalf("Len = %d, want 6", got)
	}
	o, org, ok := c.Offer("mbacke-jobs")
	if !ok || org.ID != "org-a" || o.Locations[0].Lat != 14.79 || o.Verified.Format(time.DateOnly) != "2026-11-01" {
		t.Fatalf("Offer(mbacke-jobs) = %+v, %+v, %v", o, org, ok)
	}
	if org.Phones[0].Number != "+221338000000" {
		t.Errorf("phone = %q", org.Phones[0].Number)
	}
	if _, _, ok := c.Offer("nope"); ok {
		t.Error("Offer(nope) found")
	}
	if got := c.InfoPages(NeedMigration); len(got) != 1 || got[0].ID != "risks" {
		t.Errorf("InfoPages(migration) = %v", got)
	}
	if got := c.InfoPages(NeedJob); len(got) != 0 {
		t.Errorf("InfoPages(emploi) = %v", got)
	}
}

func TestCheckWarnings(t *testing.T) {
	c := mustLoad(t, "testdata/valid.yaml")
	ws := Check(c, testNow)
	var closed, stale int
	for _, w := range ws {
		switch {
		case strings.Contains(w.Msg, "sans wolof") || strings.Contains(w.Msg, "aucune aide joignable"):
			continue // kinds of TestCheckWarningKinds; valid.yaml is mostly French and has few offers
		case strings.Contains(w.Msg, "closed-call") && strings.Contains(w.Msg, "clos"):
			closed++
		case strings.Contains(w.Msg, "old-offer") && strings.Contains(w.Msg, "332 jours"):
			stale++
		default:
			t.Errorf("unexpected warning %s", w)
		}
		if w.Line == 0 {
			t.Errorf("warning without a line: %s", w)
		}
	}
	if closed != 1 || stale != 1 {
		t.Fatalf("warnings = %v; want one closed window and one stale entry", ws)
	}
	for _, w := range Check(c, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) {
		if strings.Contains(w.Msg, "est clos") || strings.Contains(w.Msg, "vérifiée depuis") {
			t.Errorf("Check in June: %s", w)
		}
	}
}

func TestValidationErrorFormat(t *testing.T) {
	_, err := Parse("catalog.yaml", []byte("version: 1\norganizations: []\noffers: []\nbogus: 1\n"))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want *ValidationError", err)
	}
	if got := ve.Error(); !strings.HasPrefix(got, "catalog.yaml:4:1: champ inconnu « bogus »") {
		t.Errorf("Error() = %q", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/does-not-exist.yaml")
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNotExist", err)
	}
}
