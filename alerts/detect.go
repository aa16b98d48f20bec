package alerts

import (
	"slices"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
)

// RemindDays is how many days before a window closes the chats already told are reminded.
const RemindDays = 3

// Detect lists, for the catalog at now, every open offer with the subscription keys whose
// results page shows it (the same matching as the page: national and regional offers count),
// and the windows closing in RemindDays days or less. The store keeps what was already
// recorded, so what is new since the previous catalog is what it has not seen.
func Detect(cat *catalog.Catalog, now time.Time) []Change {
	byOffer := map[string]*Change{}
	var order []string
	for _, need := range catalog.Needs() {
		for _, pl := range places() {
			q := catalog.Query{Need: need, Region: pl.Region, Department: pl.Dept, Now: now}
			key := flows.Subscription{Need: string(need), Region: pl.Region, Dept: pl.Dept}.Key()
			for _, r := range cat.Match(q) {
				c := byOffer[r.Offer.ID]
				if c == nil {
					c = &Change{Offer: r.Offer.ID, Date: dateOr(r.Offer.Window.Opens)}
					byOffer[r.Offer.ID] = c
					order = append(order, r.Offer.ID)
				}
				c.Keys = append(c.Keys, key)
			}
		}
	}
	slices.Sort(order)
	out := make([]Change, 0, len(order))
	for _, id := range order {
		out = append(out, *byOffer[id])
	}
	return append(out, closing(cat, now)...)
}

// closing lists the open offers whose window closes within RemindDays days of now.
func closing(cat *catalog.Catalog, now time.Time) []Change {
	var out []Change
	today := day(now)
	for _, o := range cat.Offers() {
		if o.Window.Closes.IsZero() || !o.OpenAt(now) {
			continue
		}
		left := int(day(o.Window.Closes.Time).Sub(today).Hours() / 24)
		if left >= 0 && left <= RemindDays {
			out = append(out, Change{Offer: o.ID, Remind: true, Date: o.Window.Closes.Format(time.DateOnly)})
		}
	}
	return out
}

// places are every place a subscription can name: the whole country, each region, each department.
func places() []flows.Subscription {
	out := []flows.Subscription{{}}
	for _, r := range catalog.Regions() {
		out = append(out, flows.Subscription{Region: r.ID})
		for _, d := range r.Departments {
			out = append(out, flows.Subscription{Region: r.ID, Dept: d.ID})
		}
	}
	return out
}

// dateOr is the date as YYYY-MM-DD, "-" when unset.
func dateOr(d catalog.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.Format(time.DateOnly)
}

// day is the calendar day of t in UTC (Dakar time).
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
