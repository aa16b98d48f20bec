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

// dayNum turns a date into a comparable yyyymmdd number without allocating; 0 for zero.
func dayNum(t time.Time) int {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// Match returns the offers for a user's answers: active, open, for their audience and need,
// available where they live; local before regional before national, nearest first when
// the query has a point.
func (c *Catalog) Match(q Query) []Result {
	pl := c.newQueryPlace(q)
	cand := c.byNeed[q.Need]
	if q.Need == "" {
		cand = c.all
	}
	day, aud := dayNum(q.Now), audienceBit(q.Audience)
	var hits []hit
	for _, i := range cand {
		m := &c.meta[i]
		if !m.openOn(day) || m.audiences&aud != aud {
			continue
		}
		o := &c.offers[i]
		if scope, ok := pl.scope(o, m); ok {
			hits = append(hits, hit{idx: i, scope: scope, km: distance(o, q.Point)})
		}
	}
	sortHits(hits)
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return c.results(hits)
}

// hit is a compact match, turned into a Result only when it makes the cut.
type hit struct {
	idx   int32
	scope Scope
	km    float64
}

// results turns hits into Results.
func (c *Catalog) results(hits []hit) []Result {
	if len(hits) == 0 {
		return nil
	}
	out := make([]Result, len(hits))
	for j, h := range hits {
		o := &c.offers[h.idx]
		out[j] = Result{Offer: o, Org: c.org(o.Org), Scope: h.scope, DistanceKm: h.km}
	}
	return out
}

// offerMeta is what matching precomputes per offer.
type offerMeta struct {
	active      bool
	opens, ends int      // window as yyyymmdd; 0 when open-ended
	audiences   uint8    // bit set of audienceBit
	deptRegions []string // regions of the departments in the offer's area
}

// newOfferMeta precomputes an offer's filters; deptRegion maps department ids to regions.
func newOfferMeta(o *Offer, deptRegion map[string]string) offerMeta {
	m := offerMeta{active: o.Status == "active"}
	if !o.Window.Opens.IsZero() {
		m.opens = dayNum(o.Window.Opens.Time)
	}
	if !o.Window.Closes.IsZero() {
		m.ends = dayNum(o.Window.Closes.Time)
	}
	for _, a := range o.Audiences {
		m.audiences |= audienceBit(a)
	}
	for _, id := range o.Area.Departments {
		if region, ok := deptRegion[id]; ok && !contains(m.deptRegions, region) {
			m.deptRegions = append(m.deptRegions, region)
		}
	}
	return m
}

// openOn is OpenAt for a precomputed day (0: do not test the window).
func (m *offerMeta) openOn(day int) bool {
	return m.active && (day == 0 || ((m.opens == 0 || day >= m.opens) && (m.ends == 0 || day <= m.ends)))
}

// audienceBit maps an audience to a bit; "" (any audience) is 0.
func audienceBit(a Audience) uint8 {
	for i, x := range Audiences() {
		if x == a {
			return 1 << i
		}
	}
	if a == "" {
		return 0
	}
	return 1 << 7 // unknown audience: matches nothing
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
func (c *Catalog) newQueryPlace(q Query) queryPlace {
	pl := queryPlace{region: q.Region, dept: q.Department, noPlace: q.Region == "" && q.Department == "" && q.Point == nil}
	if q.Point != nil && pl.dept == "" {
		if d, _ := NearestDepartment(*q.Point); pl.region == "" || pl.region == d.Region {
			pl.region, pl.dept = d.Region, d.ID
		}
	}
	if d, ok := c.department(pl.dept); ok {
		pl.region = d.Region
		pl.ref, pl.hasRef = LatLon{d.Lat, d.Lon}, true
	}
	if q.Point != nil {
		pl.ref, pl.hasRef = *q.Point, true
	}
	return pl
}

// department is DepartmentByID from the catalog's index (built by build; else the list).
func (c *Catalog) department(id string) (Department, bool) {
	if c.depts == nil {
		return DepartmentByID(id)
	}
	d, ok := c.depts[id]
	return d, ok
}

// scope says whether an offer serves the place and how locally.
func (pl *queryPlace) scope(o *Offer, m *offerMeta) (Scope, bool) {
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

// sortHits orders by scope, then known distance (unknown last), keeping file order on ties.
func sortHits(hs []hit) {
	slices.SortStableFunc(hs, func(a, b hit) int {
		if a.scope != b.scope {
			return cmp.Compare(a.scope, b.scope)
		}
		if (a.km < 0) != (b.km < 0) {
			if a.km >= 0 {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.km, b.km)
	})
}

// GeneralContacts returns the active reception offices and hotlines serving a place, most
// local first: what the bot shows when nothing else matches.
func (c *Catalog) GeneralContacts(region, department string) []Result {
	pl := c.newQueryPlace(Query{Region: region, Department: department})
	var hits []hit
	for i := range c.offers {
		if !c.offers[i].General || !c.meta[i].active {
			continue
		}
		if scope, ok := pl.scope(&c.offers[i], &c.meta[i]); ok {
			hits = append(hits, hit{idx: int32(i), scope: scope, km: -1})
		}
	}
	sortHits(hits)
	return c.results(hits)
}

// HasDepartmentOffers reports whether the bot should ask for the department: the region is a
// focus region of the place list (Diourbel) or some active offer targets one of its departments.
func (c *Catalog) HasDepartmentOffers(region string) bool {
	if askDepartment(region) { // what RegionByID(region).AskDepartment says, without rebuilding the list
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
