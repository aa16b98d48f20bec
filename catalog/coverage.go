package catalog

import (
	"time"
)

// Coverage is the place × need matrix of what the bot can offer: one row per department of
// each focus region (Diourbel's Bambey, Diourbel, Mbacké), then one row per other region.
// The CLI, the meeting report and the staff workspace render this same value.
type Coverage struct {
	Needs []Need        // the columns, in display order (Needs())
	Rows  []CoverageRow // focus-region departments first, then the other regions, in list order
}

// CoverageRow is one place of the matrix.
type CoverageRow struct {
	Region     string         // region id
	Department string         // department id; "" for a whole-region row
	Name       string         // display name: "Mbacké" or "Dakar"
	Cells      []CoverageCell // one per Coverage.Needs, same order
}

// CoverageCell counts the active, open offers the bot shows for a place and a need (any
// audience), as Match would list them for someone who lives there.
type CoverageCell struct {
	Offers     int // every offer shown
	Actionable int // of which a person can act on: phone, office address or website (Offer.Actionable)
	Local      int // of which actionable and not national: delivered in the department or region
	NoContact  int // of which publish no contact at all (Offer.HasContact is false)
	NoWolof    int // of which have a user-facing field in French without Wolof (Offer.MissingWolof)
}

// Empty reports a cell where nobody can act on any offer: the gap staff must fill.
func (c CoverageCell) Empty() bool { return c.Actionable == 0 }

// Coverage measures the catalog at now (windows closed or not yet open are left out).
func (c *Catalog) Coverage(now time.Time) Coverage {
	cov := Coverage{Needs: Needs()}
	for _, r := range Regions() {
		if !r.AskDepartment {
			cov.Rows = append(cov.Rows, c.coverageRow(r.ID, "", r.Name, now))
			continue
		}
		for _, d := range r.Departments {
			cov.Rows = append(cov.Rows, c.coverageRow(r.ID, d.ID, d.Name, now))
		}
	}
	sortFocusFirst(cov.Rows)
	return cov
}

// coverageRow counts one place's offers for every need.
func (c *Catalog) coverageRow(region, dept, name string, now time.Time) CoverageRow {
	row := CoverageRow{Region: region, Department: dept, Name: name}
	for _, n := range Needs() {
		var cell CoverageCell
		for _, h := range c.Match(Query{Need: n, Region: region, Department: dept, Now: now}) {
			cell.Offers++
			if h.Offer.Actionable(h.Org) {
				cell.Actionable++
				if h.Scope != ScopeNational {
					cell.Local++
				}
			}
			if !h.Offer.HasContact(h.Org) {
				cell.NoContact++
			}
			if len(h.Offer.MissingWolof()) > 0 {
				cell.NoWolof++
			}
		}
		row.Cells = append(row.Cells, cell)
	}
	return row
}

// sortFocusFirst moves the department rows (focus regions) before the region rows, keeping
// each group in list order.
func sortFocusFirst(rows []CoverageRow) {
	var dept, region []CoverageRow
	for _, r := range rows {
		if r.Department != "" {
			dept = append(dept, r)
		} else {
			region = append(region, r)
		}
	}
	copy(rows, append(dept, region...))
}
