package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticHandler serves the embedded CSS and JavaScript (no CDN: offices may be offline).
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// pages are the parsed templates, one per page, each with the layout.
type pages struct{ byName map[string]*template.Template }

// view is what every page gets: its title, the account, and the page's own data.
type view struct {
	Title string
	Nav   string
	Who   *staff
	Data  any
	Flash string
}

// funcs are the template helpers.
func funcs() template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("02/01/2006 15:04")
		},
		"lines": func(s string) []string { return strings.Split(s, "\n") },
		"diff":  lineDiff,
		"inc":   func(i int) int { return i + 1 },
		"pct": func(n, total int64) int64 {
			if total == 0 {
				return 0
			}
			return n * 100 / total
		},
	}
}

// parsePages parses every page with the layout.
func parsePages() (*pages, error) {
	base, err := template.New("layout.html").Funcs(funcs()).ParseFS(templateFS, "templates/layout.html", "templates/widgets.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "widgets" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes a page; a template failure becomes a plain 500 (nothing half-written).
func (s *Server) render(w http.ResponseWriter, status int, page string, v view) {
	t := s.pages.byName[page]
	var b bytes.Buffer
	tmplName := "layout.html"
	if strings.HasPrefix(page, "frag_") {
		tmplName = "fragment"
	}
	if t == nil {
		s.log.Error("unknown page", "page", page)
		http.Error(w, "erreur interne", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(&b, tmplName, v); err != nil {
		s.log.Error("page failed", "page", page, "err", err)
		http.Error(w, "Erreur interne : la page n'a pas pu être affichée.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// errorData fills the error page.
type errorData struct {
	Status  int
	Message string
}

// fail shows a clear French error page with its HTTP status.
func (s *Server) fail(w http.ResponseWriter, _ *http.Request, who *staff, status int, msg string) {
	s.render(w, status, "error", view{Title: "Erreur", Who: who, Data: errorData{status, msg}})
}
