package web

import (
	"net/http"
	"strconv"

	"github.com/samayoon/samayoon/catalog"
)

// coverageCell is one place × need cell of the gaps table.
type coverageCell struct {
	Class, Label, Title, Link string
}

// coverageRow is one place of the gaps table.
type coverageRow struct {
	Name, Region string
	Cells        []coverageCell
}

// coverageData fills the gaps page.
type coverageData struct {
	Needs    []option
	Rows     []coverageRow
	Problems []catalog.Problem
	Counts   map[string]int
}

// coverage shows the department × need matrix of the catalog (catalog.Coverage), coloured:
// empty, no contact, no Wolof; each cell lists its offers as the bot would.
func (s *Server) coverage(w http.ResponseWriter, r *http.Request, who *staff) {
	sn, err := s.load()
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	d := coverageData{Needs: needOptions(), Counts: map[string]int{}}
	if sn.cat == nil {
		d.Problems = sn.probs
		s.render(w, http.StatusOK, "coverage", view{Title: "Couverture", Nav: "couverture", Who: who, Data: d})
		return
	}
	cov := sn.cat.Coverage(s.cfg.Now())
	for _, row := range cov.Rows {
		cr := coverageRow{Name: row.Name, Region: row.Region}
		place := "r:" + row.Region
		if row.Department != "" {
			place = "d:" + row.Department
		}
		for i, c := range row.Cells {
			cell := coverageCellOf(c)
			d.Counts[cell.Class]++
			cell.Link = "/catalogue?liste=offers&bot=1&besoin=" + string(cov.Needs[i]) + "&lieu=" + place
			cr.Cells = append(cr.Cells, cell)
		}
		d.Rows = append(d.Rows, cr)
	}
	s.render(w, http.StatusOK, "coverage", view{Title: "Couverture", Nav: "couverture", Who: who, Data: d})
}

// coverageCellOf colours a cell by its worst problem (empty, then no contact, then no
// Wolof) and names every problem it has.
func coverageCellOf(c catalog.CoverageCell) coverageCell {
	n := strconv.Itoa(c.Offers)
	title := n + " offre(s) montrée(s), " + strconv.Itoa(c.Actionable) + " avec un moyen d'agir, " + strconv.Itoa(c.Local) + " locale(s)"
	if c.Empty() {
		return coverageCell{Class: "empty", Label: "vide", Title: title + " : personne ne peut agir"}
	}
	cell := coverageCell{Class: "ok", Label: n, Title: title}
	if c.NoContact > 0 {
		cell.Class, cell.Label = "nocontact", cell.Label+" · sans contact"
		cell.Title += " ; " + strconv.Itoa(c.NoContact) + " sans aucun contact"
	}
	if c.NoWolof > 0 {
		if cell.Class == "ok" {
			cell.Class = "nowolof"
		}
		cell.Label += " · sans wolof"
		cell.Title += " ; " + strconv.Itoa(c.NoWolof) + " avec du français sans wolof"
	}
	return cell
}
