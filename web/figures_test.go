package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/stats"
)

func TestFiguresAndReport(t *testing.T) {
	e := newEnv(t)
	for range 3 {
		e.record(t, "2026-12-01", "start", "need:emploi", "shown:anpej-emploi", "nomatch:papiers:diourbel:mbacke")
	}
	e.record(t, "2026-12-02", "start", "useful:no:anpej-emploi", "problem:closed:anpej-emploi", "handoff:requested", "details:anpej-emploi")
	e.record(t, "2026-12-03", "handoff:requested", "handoff:answered", "handoff:first_answer:lt1h")
	fatou := e.signedIn(t, "fatou")
	code, page := get(t, fatou, e.ts.URL+"/chiffres?du=2026-11-20&au=2026-12-06")
	if code != http.StatusOK {
		t.Fatalf("figures: %d", code)
	}
	if n := strings.Count(page, "<svg"); n != 6 {
		t.Errorf("%d charts, want 6", n)
	}
	contains(t, page, "<td>2026-12-01</td><td>3</td>", "<td>papiers</td><td>diourbel / mbacke</td><td>3</td>",
		"anpej-emploi — ANPEJ : conseil en emploi et auto-emploi</td><td>3</td><td>1</td>", "closed : 1", "<td>envoyées</td><td>2</td>",
		`id="delai"`, "Délai avant la première réponse de l&#39;équipe", "<td>moins de 15 min</td><td>0</td>", "<td>15 min à 1 h</td><td>1</td>",
		"<td>24 h ou plus</td><td>0</td>", ">1 h à 4 h</text>", ">02/12</text>")
	if strings.Contains(page, "ne le compte pas") {
		t.Errorf("the figures page still says the delay is not counted")
	}
	code, page = get(t, fatou, e.ts.URL+"/chiffres?du=2026-12-09&au=2026-12-01")
	if code != http.StatusOK || !strings.Contains(page, "La date de début est après la date de fin") {
		t.Errorf("reversed period: %d", code)
	}
	_, page = get(t, fatou, e.ts.URL+"/rapport?du=2026-11-20&au=2026-12-06")
	contains(t, page, "<h1>Sama Yoon — rapport du 2026-11-20 au 2026-12-06</h1>", "Parcours commencés : 4", "15 min à 1 h")
	resp, err := fatou.Get(e.ts.URL + "/rapport.md?du=2026-11-20&au=2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "rapport-samayoon-2026-11-20-2026-12-06.md") {
		t.Errorf("Markdown download: %q", cd)
	}
}

// TestDelayBucketsMatchTheEngine: the figures and the report name every bucket the engine counts, in its order.
func TestDelayBucketsMatchTheEngine(t *testing.T) {
	var got []string
	for _, d := range stats.FirstAnswers(nil) {
		if d.Label == "" {
			t.Errorf("bucket %s has no label", d.Bucket)
		}
		got = append(got, d.Bucket)
	}
	if want := flows.FirstAnswerBuckets(); !slices.Equal(got, want) {
		t.Errorf("stats buckets %v, engine buckets %v", got, want)
	}
	if totals := map[string]int64{flows.StatFirstAnswer + "lt4h": 2}; stats.FirstAnswers(totals)[2].Count != 2 {
		t.Errorf("stats does not read the engine's field %slt4h", flows.StatFirstAnswer)
	}
}
