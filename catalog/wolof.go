package catalog

import "fmt"

// MissingWolof lists the user-facing fields of an offer written in French but not in Wolof,
// by their name in the file (e.g. "summary", "locations[0].address"), so staff know what
// Wolof readers see in French.
func (o *Offer) MissingWolof() []string {
	var out []string
	add := func(name string, t Text) {
		if t.Fr != "" && t.Wo == "" {
			out = append(out, name)
		}
	}
	for _, f := range []struct {
		name string
		text Text
	}{
		{"name", o.Name}, {"summary", o.Summary}, {"description", o.Description},
		{"eligibility", o.Eligibility}, {"how_to_apply", o.HowToApply}, {"documents", o.Documents},
		{"cost", o.Cost}, {"schedule", o.Schedule},
	} {
		add(f.name, f.text)
	}
	for i, l := range o.Locations {
		add(fmt.Sprintf("locations[%d].name", i), l.Name)
		add(fmt.Sprintf("locations[%d].address", i), l.Address)
	}
	for i, p := range o.Phones {
		add(fmt.Sprintf("phones[%d].label", i), p.Label)
	}
	return out
}

// missingWolofPage lists an information page's fields in French without Wolof.
func missingWolofPage(p InfoPage) []string {
	var out []string
	if p.Title.Fr != "" && p.Title.Wo == "" {
		out = append(out, "title")
	}
	if p.Body.Fr != "" && p.Body.Wo == "" {
		out = append(out, "body")
	}
	return out
}
