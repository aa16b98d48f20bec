package flows

import "strings"

// deepLink is what a /start payload preselects; every field is validated or left empty.
type deepLink struct {
	Lang, Profile, Region, Dept, Need, Source string
}

// parseDeepLink reads `[l-<fr|wo>][_p-<profile>][_r-<region>][_d-<department>][_n-<need>]
// [_s-<source>]` in any order; invalid pieces are ignored, never an error.
func parseDeepLink(g *geo, payload string) deepLink {
	var l deepLink
	if len(payload) > 64 {
		return l
	}
	for _, piece := range strings.Split(payload, "_") {
		key, v, ok := strings.Cut(piece, "-")
		if !ok {
			continue
		}
		v = strings.ToLower(v)
		switch key {
		case "l":
			if v == "fr" || v == "wo" {
				l.Lang = v
			}
		case "p":
			l.Profile = keepIf(v, isAudience(v))
		case "r":
			l.Region = keepIf(v, g.isRegion(v))
		case "d":
			l.Dept = v
		case "n":
			l.Need = keepIf(v, isNeed(v))
		case "s":
			l.Source = keepIf(v, validSource(v))
		}
	}
	l.Region, l.Dept = linkPlace(g, l.Region, l.Dept)
	return l
}

// linkPlace keeps a department only when it exists and agrees with the region, if any.
func linkPlace(g *geo, region, dept string) (string, string) {
	switch {
	case dept == "":
		return region, ""
	case g.isDeptOf(dept, region):
		return region, dept
	case region == "" && g.regionOf(dept) != "":
		return g.regionOf(dept), dept
	}
	return region, ""
}

// keepIf returns v when ok, else "".
func keepIf(v string, ok bool) string {
	if ok {
		return v
	}
	return ""
}

// validSource accepts short poster codes made of the payload charset only.
func validSource(v string) bool {
	if v == "" || len(v) > 32 {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
