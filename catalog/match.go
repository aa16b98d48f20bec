package catalog

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// OpenAt reports whether an offer is active and its application window (if any) is open at
// now (compared by calendar day); a zero now skips the window test.
func (o *Offer) OpenAt(now time.Time) bool {
	if o.Status != "active" {
		return false
	}
	if now.IsZero() {
		return true
	}
	day := dayNum(now)
	if !o.Window.Opens.IsZero() && day < dayNum(o.Window.Opens.Time) {
		return false
	}
	return o.Window.Closes.IsZero() || day <= dayNum(o.Window.Closes.Time)
}

// dayNum turns a date into a comparable yyyymmdd number without allocating.
func dayNum(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// Match returns the offers for a user's answers: active, open, for their audience and need,
// available where they live; local before regional before national, nearest first when
// the query has a point.
func (c *Catalog) Match(q Query) []Result {
	pl := newQueryPlace(q)
	cand := c.byNeed[q.Need]
	if q.Need == "" {
		cand = c.all
	}
	var out []Result
	for _, i := range cand {
		o := &c.offers[i]
		if !o.OpenAt(q.Now) || (q.Audience != "" && !contains(o.Audiences, q.Audience)) {
			continue
		}
		scope, ok := pl.scope(o, c.meta[i])
		if !ok {
			continue
		}
		out = append(out, Result{Offer: o, Org: c.org(o.Org), Scope: scope, DistanceKm: distance(o, q.Point)})
	}
	sortResults(out)
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out
}

// offerMeta is what matching precomputes per offer.
type offerMeta struct {
	deptRegions []string // regions of the departments in the offer's area
}

// queryPlace is a query's place, resolved once per query.
type queryPlace struct {
	region, dept string
	ref          LatLon // point a radius is measured from
	hasRef       bool
	noPlace      bool
}

// newQueryPlace fills region and department from a shared point when missing, and the
// radius reference: the user's point, else their department's chief town.
func newQueryPlace(q Query) queryPlace {
	pl := queryPlace{region: q.Region, dept: q.Department, noPlace: q.Region == "" && q.Department == "" && q.Point == nil}
	if q.Point != nil && pl.dept == "" {
		if d, _ := NearestDepartment(*q.Point); pl.region == "" || pl.region == d.Region {
			pl.region, pl.dept = d.Region, d.ID
		}
	}
	if d, ok := DepartmentByID(pl.dept); ok {
		pl.region = d.Region
		pl.ref, pl.hasRef = LatLon{d.Lat, d.Lon}, true
	}
	if q.Point != nil {
		pl.ref, pl.hasRef = *q.Point, true
	}
	return pl
}

// scope says whether an offer serves the place and how locally.
func (pl queryPlace) scope(o *Offer, m offerMeta) (Scope, bool) {
	a := o.Area
	if a.RadiusKm > 0 && pl.hasRef && nearestKm(o.Locations, pl.ref, a.RadiusKm) <= a.RadiusKm {
		return ScopeLocal, true
	}
	if pl.dept != "" && contains(a.Departments, pl.dept) {
		return ScopeLocal, true
	}
	if pl.region != "" && contains(a.Regions, pl.region) {
		return ScopeRegional, true
	}
	if pl.dept == "" && pl.region != "" && contains(m.deptRegions, pl.region) {
		return ScopeRegional, true
	}
	if a.National {
		return ScopeNational, true
	}
	if pl.noPlace {
		return ScopeRegional, true // no place given: show everything, national last
	}
	return 0, false
}

// nearestKm is the distance from p to the nearest location with coordinates (+Inf if none);
// locations clearly farther than within km (by latitude alone) are skipped cheaply.
func nearestKm(ls []Location, p LatLon, within float64) float64 {
	best := math.Inf(1)
	for _, l := range ls {
		if !l.HasPoint() || math.Abs(l.Lat-p.Lat)*111 > within {
			continue
		}
		best = math.Min(best, Haversine(p, LatLon{l.Lat, l.Lon}))
	}
	return best
}

// distance fills Result.DistanceKm: -1 without a point or without located offices.
func distance(o *Offer, p *LatLon) float64 {
	if p == nil {
		return -1
	}
	if km := nearestKm(o.Locations, *p, math.Inf(1)); !math.IsInf(km, 1) {
		return km
	}
	return -1
}

// sortResults orders by scope, then known distance (unknown last), keeping file order on ties.
func sortResults(rs []Result) {
	slices.SortStableFunc(rs, func(a, b Result) int {
		if a.Scope != b.Scope {
			return cmp.Compare(a.Scope, b.Scope)
		}
		if (a.DistanceKm < 0) != (b.DistanceKm < 0) {
			if a.DistanceKm >= 0 {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.DistanceKm, b.DistanceKm)
	})
}

// GeneralContacts returns the active reception offices and hotlines serving a place, most
// local first: what the bot shows when nothing else matches.
func (c *Catalog) GeneralContacts(region, department string) []Result {
	pl := newQueryPlace(Query{Region: region, Department: department})
	var out []Result
	for i := range c.offers {
		o := &c.offers[i]
		if !o.General || o.Status != "active" {
			continue
		}
		if scope, ok := pl.scope(o, c.meta[i]); ok {
			out = append(out, Result{Offer: o, Org: c.org(o.Org), Scope: scope, DistanceKm: -1})
		}
	}
	sortResults(out)
	return out
}

// HasDepartmentOffers reports whether the bot should ask for the department: the region is a
// focus region of the place list (Diourbel) or some active offer targets one of its departments.
func (c *Catalog) HasDepartmentOffers(region string) bool {
	if r, ok := RegionByID(region); ok && r.AskDepartment {
		return true
	}
	for i := range c.offers {
		o := &c.offers[i]
		if o.Status == "active" && contains(c.meta[i].deptRegions, region) {
			return true
		}
	}
	return false
}
