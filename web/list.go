package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// The warning filters of the lists.
const (
	warnStale     = "perimee"
	warnNoContact = "sans-contact"
	warnNoWolof   = "sans-wolof"
	warnClosed    = "close"
)

// warnOptions name the warning filters.
func warnOptions() []option {
	return []option{{warnStale, "à revérifier (plus de 180 jours)"}, {warnNoContact, "sans contact publié"},
		{warnNoWolof, "wolof manquant"}, {warnClosed, "appel clos"}}
}

// listRow is one entry in a list.
type listRow struct {
	List, ID, Title, Sub string
	Inactive             bool
	Warnings             []string
}

// listData fills the catalogue page.
type listData struct {
	List, Q, Need, Place, Warn  string
	Lists, Needs, Places, Warns []option
	Rows                        []listRow
	Total                       int
	Problems                    []catalog.Problem
	CanEdit                     bool
	Bot                         bool // the list is what the bot shows for the need and place
}

// asTheBotShows is the set of offers the bot lists for a need and a place (nil when the
// list is not asked for, or lacks the need or the place), as a coverage cell counts them.
func asTheBotShows(c *catalog.Catalog, on bool, d listData, now time.Time) map[string]bool {
	kind, id, _ := strings.Cut(d.Place, ":")
	if !on || d.Need == "" || id == "" {
		return nil
	}
	q := catalog.Query{Need: catalog.Need(d.Need), Region: id, Now: now}
	if dp, ok := catalog.DepartmentByID(id); ok && kind == "d" {
		q.Region, q.Department = dp.Region, id
	}
	out := map[string]bool{}
	for _, r := range c.Match(q) {
		out[r.Offer.ID] = true
	}
	return out
}

// catalogList lists offers, organisations or pages with search and filters.
func (s *Server) catalogList(w http.ResponseWriter, r *http.Request, who *staff) {
	q := r.URL.Query()
	d := listData{List: q.Get("liste"), Q: q.Get("q"), Need: q.Get("besoin"), Place: q.Get("lieu"), Warn: q.Get("alerte"),
		Needs: needOptions(), Places: placeOptions(), Warns: warnOptions(), CanEdit: who.Has(RoleEditor)}
	if listName(d.List) == "" {
		d.List = "offers"
	}
	for _, k := range []string{"offers", "organizations", "info_pages"} {
		d.Lists = append(d.Lists, option{k, listName(k)})
	}
	sn, err := s.load()
	if err != nil {
		s.fileError(w, r, who, err)
		return
	}
	if sn.cat == nil {
		d.Problems = sn.probs
		s.render(w, http.StatusOK, "catalogue", view{Title: "Catalogue", Nav: "catalogue", Who: who, Data: d})
		return
	}
	all := rowsOf(sn.cat, d.List, s.cfg.Now())
	d.Total = len(all)
	shown := asTheBotShows(sn.cat, q.Get("bot") == "1", d, s.cfg.Now())
	for _, row := range all {
		if keep(row, d, sn.cat) && (shown == nil || shown[row.ID]) {
			d.Rows = append(d.Rows, row.listRow)
		}
	}
	d.Bot = shown != nil
	s.render(w, http.StatusOK, "catalogue", view{Title: "Catalogue", Nav: "catalogue", Who: who, Data: d})
}

// placeOptions lists regions and their departments.
func placeOptions() []option {
	var out []option
	for _, r := range catalog.Regions() {
		out = append(out, option{"r:" + r.ID, "Région " + r.Name})
		for _, dp := range r.Departments {
			out = append(out, option{"d:" + dp.ID, "— " + dp.Name})
		}
	}
	return out
}

// row is a list row with what the filters look at.
type row struct {
	listRow
	needs  []catalog.Need
	search string
	offer  *catalog.Offer
	warns  []string // filter keys
}

// rowsOf builds the rows of a list with their warnings.
func rowsOf(c *catalog.Catalog, list string, now time.Time) []row {
	var out []row
	stale := func(d catalog.Date) bool { return !d.IsZero() && now.Sub(d.Time) > catalog.StaleAfter }
	switch list {
	case "organizations":
		for _, o := range c.Orgs() {
			r := row{listRow: listRow{List: list, ID: o.ID, Title: o.Name, Sub: o.Acronym}, search: o.ID + " " + o.Name + " " + o.Acronym}
			r.flag(stale(o.Verified), warnStale)
			r.flag(len(o.Phones) == 0 && o.Email == "" && o.Website == "", warnNoContact)
			r.flag(missingWolof(o.Summary), warnNoWolof)
			out = append(out, r)
		}
	case "info_pages":
		for _, p := range c.AllInfoPages() {
			r := row{listRow: listRow{List: list, ID: p.ID, Title: p.Title.Fr}, needs: p.Needs, search: p.ID + " " + p.Title.Fr + " " + p.Title.Wo}
			r.flag(stale(p.Verified), warnStale)
			r.flag(missingWolof(p.Title, p.Body), warnNoWolof)
			out = append(out, r)
		}
	default:
		for _, o := range c.Offers() {
			o := o
			_, org, _ := c.Offer(o.ID)
			r := row{listRow: listRow{List: list, ID: o.ID, Title: o.Name.Fr, Sub: orgShort(org) + " · " + o.Summary.Fr, Inactive: o.Status != "active"},
				needs: o.Needs, offer: &o, search: o.ID + " " + o.Name.Fr + " " + o.Name.Wo + " " + o.Summary.Fr + " " + orgShort(org)}
			r.flag(stale(o.Verified), warnStale)
			r.flag(!o.HasContact(org), warnNoContact)
			r.flag(len(o.MissingWolof()) > 0, warnNoWolof)
			r.flag(!o.Window.Closes.IsZero() && o.Window.Closes.Format(time.DateOnly) < now.Format(time.DateOnly), warnClosed)
			out = append(out, r)
		}
	}
	return out
}

// flag adds a warning when on.
func (r *row) flag(on bool, key string) {
	if !on {
		return
	}
	r.warns = append(r.warns, key)
	for _, o := range warnOptions() {
		if o.Value == key {
			r.Warnings = append(r.Warnings, o.Label)
		}
	}
}

// missingWolof reports a French text without its Wolof.
func missingWolof(ts ...catalog.Text) bool {
	return slices.ContainsFunc(ts, func(t catalog.Text) bool { return t.Fr != "" && t.Wo == "" })
}

// keep applies the search and the filters.
func keep(r row, d listData, c *catalog.Catalog) bool {
	if d.Q != "" && !strings.Contains(catalog.Fold(r.search), catalog.Fold(d.Q)) {
		return false
	}
	if d.Need != "" && !slices.Contains(r.needs, catalog.Need(d.Need)) {
		return false
	}
	if d.Warn != "" && !slices.Contains(r.warns, d.Warn) {
		return false
	}
	return d.Place == "" || r.offer != nil && servesPlace(r.offer, d.Place)
}

// servesPlace reports whether an offer covers a region or department (or is national).
// A place is "r:region" or "d:department"; a department is also served by its region's offers.
func servesPlace(o *catalog.Offer, place string) bool {
	kind, id, _ := strings.Cut(place, ":")
	region, dept := id, ""
	if dp, ok := catalog.DepartmentByID(id); ok && kind == "d" {
		region, dept = dp.Region, id
	}
	a := o.Area
	if a.National || slices.Contains(a.Regions, region) || dept != "" && slices.Contains(a.Departments, dept) {
		return true
	}
	for _, l := range o.Locations {
		if dept != "" && l.Department == dept || dept == "" && l.Region == region {
			return true
		}
	}
	if dept == "" {
		for _, d := range a.Departments {
			if dp, ok := catalog.DepartmentByID(d); ok && dp.Region == region {
				return true
			}
		}
	}
	return false
}
