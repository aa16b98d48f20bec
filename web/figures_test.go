package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestFiguresAndReport(t *testing.T) {
	e := newEnv(t)
	for range 3 {
		e.record(t, "2026-12-01", "start", "need:emploi", "shown:anpej-emploi", "nomatch:papiers:diourbel:mbacke")
	}
	e.record(t, "2026-12-02", "start", "useful:no:anpej-emploi", "problem:closed:anpej-emploi", "handoff:requested", "details:anpej-emploi")
	fatou := e.signedIn(t, "fatou")
	code, page := get(t, fatou, e.ts.URL+"/chiffres?du=2026-11-20&au=2026-12-06")
	if code != http.StatusOK {
		t.Fatalf("figures: %d", code)
	}
	if n := strings.Count(page, "<svg"); n != 5 {
		t.Errorf("%d charts, want 5", n)
	}
	contains(t, page, "<td>2026-12-01</td><td>3</td>", "<td>papiers</td><td>diourbel / mbacke</td><td>3</td>",
		"anpej-emploi — ANPEJ : conseil en emploi et auto-emploi</td><td>3</td><td>1</td>", "closed : 1", "<td>envoyées</td><td>1</td>",
		"Délai avant la première réponse")
	code, page = get(t, fatou, e.ts.URL+"/chiffres?du=2026-12-09&au=2026-12-01")
	if code != http.StatusOK || !strings.Contains(page, "La date de début est après la date de fin") {
		t.Errorf("reversed period: %d", code)
	}
	_, page = get(t, fatou, e.ts.URL+"/rapport?du=2026-11-20&au=2026-12-06")
	contains(t, page, "<h1>Sama Yoon — rapport du 2026-11-20 au 2026-12-06</h1>", "Parcours commencés : 4")
	resp, err := fatou.Get(e.ts.URL + "/rapport.md?du=2026-11-20&au=2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "rapport-samayoon-2026-11-20-2026-12-06.md") {
		t.Errorf("Markdown download: %q", cd)
	}
}
