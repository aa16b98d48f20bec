package web

import (
	"net/http"
	"slices"
)

// journalData fills the history page.
type journalData struct {
	Records []record
	Version string
	CanUndo bool
	Undone  string
	CSRF    string
}

// journal shows the audit log, newest first, with the undo button.
func (s *Server) journal(w http.ResponseWriter, r *http.Request, who *staff) {
	records, err := s.ed.audit.all()
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	_, version, err := s.ed.read()
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	slices.Reverse(records)
	if len(records) > 200 {
		records = records[:200]
	}
	_, undoable, _ := s.ed.lastChange(version)
	d := journalData{Records: records, Version: version, CanUndo: undoable && who.Has(RoleEditor), Undone: r.URL.Query().Get("annule"), CSRF: who.CSRF}
	s.render(w, http.StatusOK, "journal", view{Title: "Journal des modifications", Nav: "journal", Who: who, Data: d})
}

// home sends staff to the first page of the workspace: the gaps of the catalog.
func (s *Server) home(w http.ResponseWriter, r *http.Request, _ *staff) {
	http.Redirect(w, r, "/couverture", http.StatusSeeOther)
}
