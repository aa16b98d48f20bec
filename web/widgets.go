package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// widget is one form control (or group of them) ready for the template.
type widget struct {
	Name, Label, Kind, Help string
	Value, Fr, Wo           string
	Required                bool
	Options                 []choice
	Errors                  []string
	Children                []widget   // a group's fields
	Rows                    [][]widget // a repeated block's rows (the last one spare)
}

// choice is an option with its state.
type choice struct {
	Value, Label string
	On           bool
}

// kindName names a kind for the templates.
func kindName(k kind) string {
	return [...]string{kString: "string", kText: "text", kLong: "long", kList: "list", kLines: "lines",
		kChoices: "choices", kChoice: "choice", kBool: "bool", kDate: "date", kNumber: "number", kGroup: "group", kRepeat: "repeat"}[k]
}

// widgets builds the controls of fields from form values, with each problem under its field.
func widgets(fields []field, prefix string, vals url.Values, errs map[string][]string) []widget {
	var out []widget
	for _, f := range fields {
		p := join(prefix, f.Key)
		w := widget{Name: p, Label: f.Label, Kind: kindName(f.Kind), Help: f.Help, Required: f.Required, Errors: errs[p]}
		switch f.Kind {
		case kText, kLong:
			w.Fr, w.Wo = vals.Get(p+".fr"), vals.Get(p+".wo")
			w.Errors = append(append(w.Errors, errs[p+".fr"]...), errs[p+".wo"]...)
		case kChoices, kChoice:
			for _, o := range f.Options {
				w.Options = append(w.Options, choice{o.Value, o.Label, slices.Contains(vals[p], o.Value)})
			}
			if f.Kind == kChoice && !slices.ContainsFunc(w.Options, func(c choice) bool { return c.On }) && vals.Get(p) != "" {
				w.Options = append(w.Options, choice{vals.Get(p), vals.Get(p) + " (inconnu)", true})
			}
		case kGroup:
			w.Children = widgets(f.Sub, p, vals, errs)
		case kRepeat:
			for i := range rows(f, p, vals) + 1 {
				w.Rows = append(w.Rows, widgets(f.Sub, join(p, strconv.Itoa(i)), vals, errs))
			}
			w.Errors = append(w.Errors, nestedErrors(p, errs)...)
		default:
			w.Value = vals.Get(p)
		}
		out = append(out, w)
	}
	return out
}

// nestedErrors are a repeated block's problems that no control of it shows (a whole row).
func nestedErrors(p string, errs map[string][]string) []string {
	var out []string
	for k, msgs := range errs {
		rest, ok := strings.CutPrefix(k, p+".")
		if ok && !strings.Contains(rest, ".") {
			out = append(out, msgs...)
		}
	}
	return out
}

// unplaced lists the problems that no control shows, so none is hidden.
func unplaced(fields []field, errs map[string][]string) []string {
	names := map[string]bool{}
	var collect func(fs []field, prefix string)
	collect = func(fs []field, prefix string) {
		for _, f := range fs {
			p := join(prefix, f.Key)
			names[p], names[p+".fr"], names[p+".wo"] = true, true, true
			if f.Kind == kGroup {
				collect(f.Sub, p)
			}
		}
	}
	collect(fields, "")
	var out []string
	for k, msgs := range errs {
		if names[k] || isRepeatPath(fields, k) {
			continue
		}
		out = append(out, msgs...)
	}
	return out
}

// isRepeatPath reports a problem path inside a repeated block (shown by that block).
func isRepeatPath(fields []field, path string) bool {
	for _, f := range fields {
		if f.Kind == kRepeat && strings.HasPrefix(path, f.Key+".") {
			return true
		}
	}
	return false
}
