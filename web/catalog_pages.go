package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// listName is the French name of one of the catalog's three lists, "" for another key.
func listName(key string) string {
	switch key {
	case "offers":
		return "Offres"
	case "organizations":
		return "Organisations"
	case "info_pages":
		return "Pages d'information"
	}
	return ""
}

// snapshot is the catalog file as read for one request.
type snapshot struct {
	data    []byte
	version string
	doc     *doc
	cat     *catalog.Catalog  // nil when the file does not pass the checks
	probs   []catalog.Problem // why cat is nil
}

// load reads and checks the catalog file.
func (s *Server) load() (*snapshot, error) {
	data, version, err := s.ed.read()
	if err != nil {
		return nil, err
	}
	d, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	sn := &snapshot{data: data, version: version, doc: d}
	sn.cat, err = catalog.Parse(filepath.Base(s.cfg.CatalogFile), data)
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		sn.probs = ve.Problems
	}
	return sn, nil
}

// fieldsOf returns the form fields of a list (offers need the organisations to choose from).
func fieldsOf(list string, d *doc) []field {
	switch list {
	case "organizations":
		return orgFields()
	case "info_pages":
		return pageFields()
	}
	var orgs []option
	if seq := d.list("organizations"); seq != nil {
		for _, o := range seq.Content {
			id := scalarText(catalog.NodeValue(o, "id"))
			orgs = append(orgs, option{id, id + " — " + scalarText(catalog.NodeValue(o, "name"))})
		}
	}
	return offerFields(orgs)
}

// entryData fills the edit page.
type entryData struct {
	List, ListName, ID string
	New                bool
	Version            string
	Widgets            []widget
	Problems           []catalog.Problem
	Unplaced           []string
	Warnings           []catalog.Problem
	Saved              bool
	Conflict           *conflict
	Preview            preview
	CanEdit            bool
	CSRF               string
}

// entryTarget reads the list and id an entry page names and loads the catalog file; it
// answers the error itself when either fails.
func (s *Server) entryTarget(w http.ResponseWriter, r *http.Request, who *staff) (list, id string, sn *snapshot, ok bool) {
	list, id = r.PathValue("list"), r.PathValue("id")
	if listName(list) == "" {
		s.fail(w, r, who, http.StatusNotFound, "Liste inconnue.")
		return "", "", nil, false
	}
	sn, err := s.load()
	if err != nil {
		s.fileError(w, r, who, err)
		return "", "", nil, false
	}
	return list, id, sn, true
}

// entryForm shows an entry's form with its values exactly as the file has them.
func (s *Server) entryForm(w http.ResponseWriter, r *http.Request, who *staff) {
	list, id, sn, ok := s.entryTarget(w, r, who)
	if !ok {
		return
	}
	vals := url.Values{}
	isNew := id == "nouvelle"
	src := id
	if isNew {
		src = r.URL.Query().Get("copie")
	}
	_, n := sn.doc.find(list, src)
	switch {
	case n != nil:
		formValues(fieldsOf(list, sn.doc), "", n, vals)
	case !isNew:
		s.fail(w, r, who, http.StatusNotFound, "Aucune entrée « "+id+" » dans "+strings.ToLower(listName(list))+".")
		return
	}
	if isNew {
		vals.Del("id")
		if list == "offers" && vals.Get("status") == "" {
			vals.Set("status", "active")
		}
	}
	d := s.entryPage(sn, list, id, vals, nil, who)
	d.Saved = r.URL.Query().Get("enregistre") == "1"
	if d.Saved && sn.cat != nil {
		d.Warnings = entryWarnings(sn, list, id, s.cfg.Now)
	}
	s.render(w, http.StatusOK, "entry", view{Title: d.ListName + " : " + firstNonEmpty(id, "nouvelle"), Nav: "catalogue", Who: who, Data: d})
}

// entryPage builds the edit page's data.
func (s *Server) entryPage(sn *snapshot, list, id string, vals url.Values, errs map[string][]string, who *staff) entryData {
	fields := fieldsOf(list, sn.doc)
	d := entryData{List: list, ListName: listName(list), ID: id, New: id == "nouvelle", Version: sn.version,
		Widgets: widgets(fields, "", vals, errs), Unplaced: unplaced(fields, errs), CanEdit: who.Has(RoleEditor), CSRF: who.CSRF}
	d.Preview = s.previewOf(context.Background(), sn, list, id, vals)
	return d
}

// preview is the Telegram preview of an entry in both languages; Exact says the bot's own
// engine wrote it (the form passes the checks), otherwise it is an approximation.
type preview struct {
	Langs []previewLang
	Exact bool
}

// previewOf renders the Telegram preview of an offer or page (organisations have none).
func (s *Server) previewOf(ctx context.Context, sn *snapshot, list, entry string, vals url.Values) preview {
	if list == "organizations" {
		return preview{}
	}
	if langs, ok := s.botPreview(ctx, sn, list, entry, vals); ok {
		return preview{Langs: langs, Exact: true}
	}
	return preview{Langs: s.approxPreview(sn, list, vals)}
}

// approxPreview writes an entry that does not pass the checks yet, close to the bot's form.
func (s *Server) approxPreview(sn *snapshot, list string, vals url.Values) []previewLang {
	switch list {
	case "offers":
		var org *catalog.Organization
		if sn.cat != nil {
			for _, o := range sn.cat.Orgs() {
				if o.ID == vals.Get("organization") {
					org = &o
				}
			}
		}
		return s.prev.offer(vals, org)
	case "info_pages":
		return s.prev.page(vals)
	}
	return nil
}

// entryWarnings are the `catalog check` warnings about one entry.
func entryWarnings(sn *snapshot, list, id string, now func() time.Time) []catalog.Problem {
	i, n := sn.doc.find(list, id)
	if n == nil {
		return nil
	}
	start, end := n.Line, sn.doc.boundary(list, i)
	var out []catalog.Problem
	for _, p := range catalog.Check(sn.cat, now()) {
		if p.Line >= start && p.Line < end {
			out = append(out, p)
		}
	}
	return out
}

// entrySave saves an entry (or previews it without JavaScript).
func (s *Server) entrySave(w http.ResponseWriter, r *http.Request, who *staff) {
	list, id, sn, ok := s.entryTarget(w, r, who)
	if !ok {
		return
	}
	vals := r.PostForm
	if r.PostForm.Get("action") == "apercu" {
		d := s.entryPage(sn, list, id, vals, nil, who)
		d.Version = vals.Get("version")
		s.render(w, http.StatusOK, "entry", view{Title: "Aperçu", Nav: "catalogue", Who: who, Data: d})
		return
	}
	target := id
	if id == "nouvelle" {
		target = ""
	}
	out, err := s.ed.save(who.Display(), list, target, vals.Get("version"), fieldsOf(list, sn.doc), vals)
	if errors.Is(err, errGone) {
		s.fail(w, r, who, http.StatusConflict, "Cette entrée n'existe plus : quelqu'un l'a supprimée ou renommée entre-temps. Rien n'a été enregistré.")
		return
	}
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	if out.Saved {
		s.log.Info("catalog entry saved", "account", who.Display(), "list", list, "id", vals.Get("id"))
		http.Redirect(w, r, "/entree/"+list+"/"+url.PathEscape(vals.Get("id"))+"?enregistre=1", http.StatusSeeOther)
		return
	}
	d := s.entryPage(sn, list, id, vals, out.ByField, who)
	d.Version, d.Problems, d.Conflict = vals.Get("version"), out.Problems, out.Conflict
	status := http.StatusUnprocessableEntity
	if out.Conflict != nil {
		status = http.StatusConflict
	}
	s.render(w, status, "entry", view{Title: "Non enregistré", Nav: "catalogue", Who: who, Data: d})
}

// preview answers the live preview of the edit form (an HTML fragment).
func (s *Server) preview(w http.ResponseWriter, r *http.Request, who *staff) {
	sn, err := s.load()
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	list, entry := r.PostForm.Get("list"), r.PostForm.Get("entry")
	s.render(w, http.StatusOK, "frag_preview", view{Who: who, Data: s.previewOf(r.Context(), sn, list, entry, r.PostForm)})
}

// undo restores the catalog as it was before the last change made here.
func (s *Server) undo(w http.ResponseWriter, r *http.Request, who *staff) {
	out, undone, err := s.ed.undo(who.Display(), r.PostForm.Get("version"))
	switch {
	case errors.Is(err, errNothingToUndo):
		s.fail(w, r, who, http.StatusConflict, errNothingToUndo.Error()+".")
		return
	case err != nil:
		s.fileError(w, r, who, err)
		return
	case out.Conflict != nil:
		s.fail(w, r, who, http.StatusConflict, "Le catalogue a changé depuis l'affichage de cette page : rien n'a été annulé. Rechargez le journal et réessayez.")
		return
	case !out.Saved:
		s.fail(w, r, who, http.StatusConflict, "La version précédente ne passe plus les contrôles du catalogue : rien n'a été annulé.")
		return
	}
	s.log.Info("catalog change undone", "account", who.Display(), "id", undone.ID)
	http.Redirect(w, r, "/journal?annule="+url.QueryEscape(undone.ID), http.StatusSeeOther)
}

// fileError reports a catalog file that cannot be read or written.
func (s *Server) fileError(w http.ResponseWriter, r *http.Request, who *staff, err error) {
	s.log.Error("catalog file", "err", err)
	s.fail(w, r, who, http.StatusInternalServerError, "Le fichier du catalogue ne peut pas être lu ou écrit : "+err.Error()+". Rien n'a été modifié.")
}
