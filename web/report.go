package web

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"strings"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/stats"
)

// reportData fills the printable report page.
type reportData struct {
	Period  period
	Body    template.HTML
	NoStats string
}

// report renders the framework's Markdown report of a period (the same as `samayoon report`).
func (s *Server) report(r *http.Request, p period) (string, error) {
	days, err := s.days(r, p)
	if err != nil {
		return "", err
	}
	cat, err := catalog.Load(s.cfg.CatalogFile)
	if err != nil {
		cat = nil // the report says the catalog could not be read
	}
	var b bytes.Buffer
	if err := stats.WriteReport(&b, stats.ReportInput{From: p.From, To: p.To, Days: days, Catalog: cat, Now: s.cfg.Now()}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// reportHTML shows the report as a page that prints cleanly to PDF.
func (s *Server) reportHTML(w http.ResponseWriter, r *http.Request, who *staff) {
	p := periodOf(r, s.cfg.Now())
	d := reportData{Period: p}
	md, err := s.report(r, p)
	if err != nil {
		d.NoStats = err.Error()
	} else {
		d.Body = markdownHTML(md)
	}
	s.render(w, http.StatusOK, "report", view{Title: "Rapport", Nav: "chiffres", Who: who, Data: d})
}

// reportMarkdown downloads the report as Markdown.
func (s *Server) reportMarkdown(w http.ResponseWriter, r *http.Request, who *staff) {
	p := periodOf(r, s.cfg.Now())
	if p.Error != "" {
		s.fail(w, r, who, http.StatusBadRequest, p.Error)
		return
	}
	md, err := s.report(r, p)
	if err != nil {
		s.fail(w, r, who, http.StatusServiceUnavailable, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rapport-samayoon-%s-%s.md"`, p.FromS(), p.ToS()))
	_, _ = w.Write([]byte(md))
}

// markdownHTML turns the report's Markdown (headings, lists, tables, paragraphs) into HTML;
// every text is escaped.
func markdownHTML(md string) template.HTML {
	var b strings.Builder
	inList, inTable, header := false, false, false
	closeBlocks := func() {
		if inList {
			b.WriteString("</ul>\n")
		}
		if inTable {
			b.WriteString("</tbody></table></div>\n")
		}
		inList, inTable = false, false
	}
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "# "):
			closeBlocks()
			fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(line[2:]))
		case strings.HasPrefix(line, "## "):
			closeBlocks()
			fmt.Fprintf(&b, "<h2>%s</h2>\n", html.EscapeString(line[3:]))
		case strings.HasPrefix(line, "- "):
			if !inList {
				closeBlocks()
				b.WriteString("<ul>\n")
				inList = true
			}
			fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(line[2:]))
		case strings.HasPrefix(line, "|"):
			if strings.HasPrefix(line, "|---") {
				continue
			}
			if !inTable {
				closeBlocks()
				b.WriteString(`<div class="table-wrap"><table><tbody>` + "\n")
				inTable, header = true, true
			}
			cell := "td"
			if header {
				cell, header = "th", false
			}
			b.WriteString("<tr>")
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				fmt.Fprintf(&b, "<%s>%s</%s>", cell, html.EscapeString(strings.TrimSpace(c)), cell)
			}
			b.WriteString("</tr>\n")
		case strings.TrimSpace(line) == "":
			closeBlocks()
		default:
			closeBlocks()
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(line))
		}
	}
	closeBlocks()
	return template.HTML(b.String())
}
