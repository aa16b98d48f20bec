package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/review"
)

func TestCoverageIsTheHomePage(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn(t, "fatou")
	resp, err := c.Get(e.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/couverture" {
		t.Fatalf("home goes to %q, want /couverture", loc)
	}
	code, page := get(t, c, e.ts.URL+"/couverture")
	if code != http.StatusOK {
		t.Fatalf("coverage: %d", code)
	}
	contains(t, page, `id="couverture"`, "<th scope=\"row\">Mbacké</th>", "<th scope=\"row\">Dakar</th>",
		`href="/catalogue?liste=offers&amp;bot=1&amp;besoin=emploi&amp;lieu=d:mbacke"`)
	if !strings.Contains(page, `class="cell-empty"`) && !strings.Contains(page, `class="cell-nocontact"`) && !strings.Contains(page, `class="cell-nowolof"`) {
		t.Error("no coloured cell")
	}
	_, list := get(t, c, e.ts.URL+"/catalogue?liste=offers&bot=1&besoin=emploi&lieu=d:mbacke")
	contains(t, list, "Les offres que le bot montre", "anpej-emploi")
	if strings.Contains(list, "oim-sante-psychosocial") {
		t.Error("a health offer listed for the job need")
	}
}

func TestWolofReview(t *testing.T) {
	e := newEnv(t)
	modou, awa := e.signedIn(t, "modou"), e.signedIn(t, "awa")
	code, page := get(t, modou, e.ts.URL+"/relecture?q=anpej-emploi")
	if code != http.StatusOK {
		t.Fatalf("review queue: %d", code)
	}
	contains(t, page, "offer/anpej-emploi/name", "ANPEJ : ndimbal ngir am liggéey", "Relu")
	csrf := hidden(page, "csrf")
	mark := url.Values{"csrf": {csrf}, "id": {"offer/anpej-emploi/name"}, "base": {"ANPEJ : ndimbal ngir am liggéey"},
		"wo": {"ANPEJ : ndimbal ngir am liggéey"}, "action": {"relu"}}
	if code, _, _ := post(t, awa, e.ts.URL+"/relecture", mark); code != http.StatusForbidden {
		t.Errorf("an editor marking a review: %d, want 403", code)
	}
	code, body, loc := post(t, modou, e.ts.URL+"/relecture", mark)
	if code != http.StatusSeeOther {
		t.Fatalf("relu: %d\n%s", code, body)
	}
	marks, err := os.ReadFile(filepath.Join(filepath.Dir(e.catalog), "review.wo.yaml"))
	if err != nil || !strings.Contains(string(marks), "offer/anpej-emploi/name") || !strings.Contains(string(marks), "reviewer: modou") {
		t.Fatalf("review file: %v\n%s", err, marks)
	}
	_, page = get(t, modou, e.ts.URL+loc)
	contains(t, page, "Enregistré : offer/anpej-emploi/name")
	_, page = get(t, modou, e.ts.URL+"/relecture?statut=relu&q=anpej-emploi")
	contains(t, page, "relu par modou")

	edit := url.Values{"csrf": {csrf}, "id": {"offer/anpej-emploi/summary"}, "base": {wolofOf(t, e.catalog, "offer/anpej-emploi/summary")},
		"wo": {"TEST-WO résumé"}, "action": {"enregistrer"}}
	if code, body, _ := post(t, modou, e.ts.URL+"/relecture", edit); code != http.StatusSeeOther {
		t.Fatalf("edit the Wolof: %d\n%s", code, body)
	}
	if !strings.Contains(e.fileBytes(t), "TEST-WO résumé") {
		t.Fatal("the edited Wolof is not in the catalog")
	}
	if code, _, _ := post(t, modou, e.ts.URL+"/relecture", edit); code != http.StatusConflict {
		t.Errorf("an edit based on a Wolof that changed meanwhile: %d, want 409", code)
	}
	_, journal := get(t, modou, e.ts.URL+"/journal")
	contains(t, journal, "relu wolof", "relire wolof")
}

// wolofOf reads a catalog text's Wolof as the review queue shows it, so the test follows
// the shipped catalog's wording.
func wolofOf(t *testing.T, catalogFile, id string) string {
	t.Helper()
	set, err := review.Load(review.Paths{Locales: "../locales", Catalog: catalogFile})
	if err != nil {
		t.Fatal(err)
	}
	text, ok := set.Text(id)
	if !ok || text.Wo == "" {
		t.Fatalf("no Wolof for %s", id)
	}
	return text.Wo
}
