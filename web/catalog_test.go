package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/catalog"
)

func TestEditSaveConflictAddCloseUndo(t *testing.T) {
	e := newEnv(t)
	awa, modou := e.signedIn(t, "awa"), e.signedIn(t, "modou")
	original := e.fileBytes(t)

	vals := e.editForm(t, awa, "offers", "anpej-emploi")
	stale := e.editForm(t, awa, "offers", "anpej-emploi") // a second tab, opened before the save
	vals.Set("phones.0.number", "+221000000000")
	code, _, loc := post(t, awa, e.ts.URL+"/entree/offers/anpej-emploi", vals)
	if code != http.StatusSeeOther || !strings.Contains(loc, "enregistre=1") {
		t.Fatalf("save: %d %q", code, loc)
	}
	if !strings.Contains(e.fileBytes(t), `- number: "+221000000000"`) {
		t.Fatal("the phone is not in the file")
	}
	_, page := get(t, awa, e.ts.URL+loc)
	contains(t, page, "Enregistré", "&#43;221000000000")

	stale.Set("name.fr", "Autre nom")
	code, page, _ = post(t, awa, e.ts.URL+"/entree/offers/anpej-emploi", stale)
	if code != http.StatusConflict {
		t.Fatalf("conflicting save: %d, want 409", code)
	}
	contains(t, page, "le catalogue a changé", "awa", "&#43;221000000000", "Autre nom")
	if strings.Contains(e.fileBytes(t), "Autre nom") {
		t.Fatal("a conflicting save was written")
	}

	bad := e.editForm(t, awa, "offers", "anpej-emploi")
	bad.Set("phones.0.number", "77 123")
	bad.Set("verified", "29/11/2026")
	before := e.fileBytes(t)
	code, page, _ = post(t, awa, e.ts.URL+"/entree/offers/anpej-emploi", bad)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid save: %d, want 422", code)
	}
	contains(t, page, "3 problème(s)", `class="field-error" role="alert">date invalide`, `class="field-error" role="alert">numéro « 77 123 » invalide`)
	if e.fileBytes(t) != before {
		t.Fatal("an invalid save changed the file")
	}

	add := e.editForm(t, awa, "offers", "anpej-emploi")
	add.Set("id", "anpej-essai")
	add.Del("phones.0.number")
	if code, body, _ := post(t, awa, e.ts.URL+"/entree/offers/nouvelle", add); code != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", code, body)
	}
	closing := e.editForm(t, awa, "offers", "anpej-essai")
	closing.Set("status", "inactive")
	if code, _, _ := post(t, awa, e.ts.URL+"/entree/offers/anpej-essai", closing); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	c, err := catalog.Load(e.catalog)
	if err != nil {
		t.Fatal(err)
	}
	if o, _, ok := c.Offer("anpej-essai"); !ok || o.Status != "inactive" {
		t.Fatalf("added and closed offer: %+v %v", o, ok)
	}

	_, journal := get(t, modou, e.ts.URL+"/journal")
	contains(t, journal, "ajouter", "fermer", "modifier")
	if strings.Contains(journal, "Annuler la dernière") {
		t.Error("a reviewer is offered undo")
	}
	for range 3 {
		_, journal = get(t, awa, e.ts.URL+"/journal")
		if code, body, _ := post(t, awa, e.ts.URL+"/annuler", map[string][]string{"csrf": {hidden(journal, "csrf")}, "version": {hidden(journal, "version")}}); code != http.StatusSeeOther {
			t.Fatalf("undo: %d\n%s", code, body)
		}
	}
	if e.fileBytes(t) != original {
		t.Fatal("three undos did not restore the original file")
	}
	_, journal = get(t, awa, e.ts.URL+"/journal")
	if code, _, _ := post(t, awa, e.ts.URL+"/annuler", map[string][]string{"csrf": {hidden(journal, "csrf")}, "version": {hidden(journal, "version")}}); code != http.StatusConflict {
		t.Errorf("undo with nothing left: %d, want 409", code)
	}
}

func TestListFiltersAndPreview(t *testing.T) {
	e := newEnv(t)
	awa := e.signedIn(t, "awa")
	_, page := get(t, awa, e.ts.URL+"/catalogue?liste=offers&besoin=financement&lieu=d:mbacke")
	contains(t, page, "faise-fse", "der-fj-financement")
	if strings.Contains(page, "anpej-csaem") && !strings.Contains(page, "financement") {
		t.Error("need filter ignored")
	}
	_, page = get(t, awa, e.ts.URL+"/catalogue?liste=offers&q=espagne")
	contains(t, page, "migration-circulaire-espagne")
	if strings.Contains(page, "baos-aibd") {
		t.Error("search ignored")
	}
	_, page = get(t, awa, e.ts.URL+"/catalogue?liste=info_pages")
	contains(t, page, "risques-route-irreguliere")
	vals := e.editForm(t, awa, "offers", "anpej-emploi")
	vals.Set("list", "offers")
	vals.Set("entry", "anpej-emploi")
	vals.Set("description.wo", "")
	code, frag, _ := post(t, awa, e.ts.URL+"/apercu", vals)
	if code != http.StatusOK {
		t.Fatalf("preview: %d", code)
	}
	contains(t, frag, "ANPEJ : conseil en emploi et auto-emploi — ANPEJ (Agence nationale pour la promotion de l&#39;emploi des jeunes)",
		"ANPEJ : ndimbal ngir am liggéey", "Leeral :", "(ci farañse)", "https://anpej.sn")
	if strings.Contains(frag, "approximatif") {
		t.Error("a valid form got the approximate preview, not the bot's")
	}
	vals.Set("phones.0.number", "77 12")
	_, approx, _ := post(t, awa, e.ts.URL+"/apercu", vals)
	contains(t, approx, "Aperçu approximatif", "77 12")
	if strings.Contains(frag, "<html") {
		t.Error("the preview is a whole page, not a fragment")
	}
}

func TestEditOrganisationAndPage(t *testing.T) {
	e := newEnv(t)
	awa := e.signedIn(t, "awa")
	vals := e.editForm(t, awa, "organizations", "anpej")
	vals.Set("acronym", "ANPEJ-TEST")
	if code, _, _ := post(t, awa, e.ts.URL+"/entree/organizations/anpej", vals); code != http.StatusSeeOther {
		t.Fatalf("organisation save: %d", code)
	}
	vals = e.editForm(t, awa, "info_pages", "voies-legales")
	vals.Set("title.fr", "")
	code, page, _ := post(t, awa, e.ts.URL+"/entree/info_pages/voies-legales", vals)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("page without a French title: %d", code)
	}
	contains(t, page, `class="field-error" role="alert">le champ obligatoire « fr » est vide`)
	c, err := catalog.Load(e.catalog)
	if err != nil {
		t.Fatal(err)
	}
	if _, org, _ := c.Offer("anpej-emploi"); org == nil || org.Acronym != "ANPEJ-TEST" {
		t.Errorf("organisation not saved: %+v", org)
	}
}
