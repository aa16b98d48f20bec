package web

import "net/http"

// figures shows the anonymous counters as charts with their tables.
func (s *Server) figures(w http.ResponseWriter, r *http.Request, who *staff) {
	s.fail(w, r, who, http.StatusNotImplemented, "Bientôt.")
}

// reportHTML shows the framework's report as a printable page.
func (s *Server) reportHTML(w http.ResponseWriter, r *http.Request, who *staff) {
	s.fail(w, r, who, http.StatusNotImplemented, "Bientôt.")
}

// reportMarkdown downloads the framework's report.
func (s *Server) reportMarkdown(w http.ResponseWriter, r *http.Request, who *staff) {
	s.fail(w, r, who, http.StatusNotImplemented, "Bientôt.")
}
