package catalog

import (
	"math"
	"sort"
	"time"
)

// OpenAt reports whether an offer is active and its application window (if any) is open at
// now; a zero now skips the window test.
func (o *Offer) OpenAt(now time.Time) bool {
	if o.Status != "active" {
		return false
	}
	if now.IsZero() {
		return true
	}
	day := now.Format(time.DateOnly)
	if !o.Window.Opens.IsZero() && day < o.Window.Opens.Format(time.DateOnly) {
		return false
	}
	return o.Window.Closes.IsZero() || day <= o.Window.Closes.Format(time.DateOnly)
}

// Match returns the offers for a user's answers: active, open, for their audience and need,
// available where they live; local before regional before national, nearest first when
// the query has a point.
func (c *Catalog) Match(q Query) []Result {
	q = withPlace(q)
	var out []Result
	for i := range c.offers {
		o := &c.offers[i]
		if !o.OpenAt(q.Now) || (q.Audience != "" && !contains(o.Audiences, q.Audience)) ||
			(q.Need != "" && !contains(o.Needs, q.Need)) {
			continue
		}
		scope, ok := placeScope(o, q)
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

// withPlace fills region and department from a shared point when they are missing.
func withPlace(q Query) Query {
	if q.Point != nil && q.Department == "" {
		d, _ := NearestDepartment(*q.Point)
		if q.Region == "" || q.Region == d.Region {
			q.Region, q.Department = d.Region, d.ID
		}
	}
	if q.Department != "" && q.Region == "" {
		if d, ok := DepartmentByID(q.Department); ok {
			q.Region = d.Region
		}
	}
	return q
}

// placeScope says whether an offer serves the query's place and how locally.
func placeScope(o *Offer, q Query) (Scope, bool) {
	a := o.Area
	if a.RadiusKm > 0 {
		if ref, ok := reference(q); ok && nearestKm(o.Locations, ref) <= a.RadiusKm {
			return ScopeLocal, true
		}
	}
	if q.Department != "" && contains(a.Departments, q.Department) {
		return ScopeLocal, true
	}
	if q.Region != "" && contains(a.Regions, q.Region) {
		return ScopeRegional, true
	}
	if q.Department == "" && q.Region != "" && inRegion(a.Departments, q.Region) {
		return ScopeRegional, true
	}
	if a.National {
		return ScopeNational, true
	}
	if q.Region == "" && q.Point == nil {
		return ScopeRegional, true // no place given: show everything, national last
	}
	return 0, false
}

// reference is the point a radius is measured from: the user's, else their department's town.
func reference(q Query) (LatLon, bool) {
	if q.Point != nil {
		return *q.Point, true
	}
	if d, ok := DepartmentByID(q.Department); ok {
		return LatLon{d.Lat, d.Lon}, true
	}
	return LatLon{}, false
}

// inRegion reports whether any of the departments is in the region.
func inRegion(depts []string, region string) bool {
	for _, id := range depts {
		if d, ok := DepartmentByID(id); ok && d.Region == region {
			return true
		}
	}
	return false
}

// nearestKm is the distance from p to the nearest location with coordinates (+Inf if none).
func nearestKm(ls []Location, p LatLon) float64 {
	best := math.Inf(1)
	for _, l := range ls {
		if l.HasPoint() {
			best = math.Min(best, Haversine(p, LatLon{l.Lat, l.Lon}))
		}
	}
	return best
}

// distance fills Result.DistanceKm: -1 without a point or without located offices.
func distance(o *Offer, p *LatLon) float64 {
	if p == nil {
		return -1
	}
	if km := nearestKm(o.Locations, *p); !math.IsInf(km, 1) {
		return km
	}
	return -1
}

// sortResults orders by scope, then known distance (unknown last), keeping file order on ties.
func sortResults(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Scope != rs[j].Scope {
			return rs[i].Scope < rs[j].Scope
		}
		di, dj := rs[i].DistanceKm, rs[j].DistanceKm
		if (di < 0) != (dj < 0) {
			return di >= 0
		}
		return di < dj
	})
}

// GeneralContacts returns the active reception offices and hotlines serving a place, most
// local first: what the bot shows when nothing else matches.
func (c *Catalog) GeneralContacts(region, department string) []Result {
	q := withPlace(Query{Region: region, Department: department})
	var out []Result
	for i := range c.offers {
		o := &c.offers[i]
		if !o.General || o.Status != "active" {
			continue
		}
		if scope, ok := placeScope(o, q); ok {
			out = append(out, Result{Offer: o, Org: c.org(o.Org), Scope: scope, DistanceKm: -1})
		}
	}
	sortResults(out)
	return out
}

// HasDepartmentOffers reports whether some active offer targets a department of the region,
// so the bot knows whether asking for the department is worth a question.
func (c *Catalog) HasDepartmentOffers(region string) bool {
	for i := range c.offers {
		o := &c.offers[i]
		if o.Status == "active" && inRegion(o.Area.Departments, region) {
			return true
		}
	}
	return false
}
