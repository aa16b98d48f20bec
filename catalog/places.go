package catalog

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// placeRow is one department of the bundled reference list; coordinates are those of the
// department's chief town (approximate, to about 0.05°), which is what "centroid" means here.
type placeRow struct {
	region, regionName string
	id, name           string
	lat, lon           float64
	aliases            []string
}

// regionAliases are accepted spellings of regions beyond their accent-free names.
func regionAliases(id string) []string {
	switch id {
	case "dakar":
		return []string{"Ndakaaru"}
	case "saint-louis":
		return []string{"St Louis", "St-Louis", "Saint Louis", "Ndar"}
	case "thies":
		return []string{"Cees"}
	case "sedhiou":
		return []string{"Sediou"}
	}
	return nil
}

// placeRows returns the 46 departments of Senegal grouped by region; a fresh slice each call.
func placeRows() []placeRow {
	return []placeRow{
		{"dakar", "Dakar", "dakar", "Dakar", 14.693, -17.447, []string{"Ndakaaru"}},
		{"dakar", "Dakar", "guediawaye", "Guédiawaye", 14.777, -17.395, nil},
		{"dakar", "Dakar", "keur-massar", "Keur Massar", 14.783, -17.311, nil},
		{"dakar", "Dakar", "pikine", "Pikine", 14.755, -17.390, []string{"Thiaroye"}},
		{"dakar", "Dakar", "rufisque", "Rufisque", 14.716, -17.273, []string{"Bargny"}},
		{"diourbel", "Diourbel", "bambey", "Bambey", 14.700, -16.450, nil},
		{"diourbel", "Diourbel", "diourbel", "Diourbel", 14.655, -16.232, []string{"Jurbel"}},
		{"diourbel", "Diourbel", "mbacke", "Mbacké", 14.790, -15.908, []string{"Touba", "Tuubaa", "Touba Mosquée"}},
		{"fatick", "Fatick", "fatick", "Fatick", 14.339, -16.411, nil},
		{"fatick", "Fatick", "foundiougne", "Foundiougne", 14.133, -16.467, []string{"Sokone"}},
		{"fatick", "Fatick", "gossas", "Gossas", 14.493, -16.066, nil},
		{"kaffrine", "Kaffrine", "birkelane", "Birkelane", 14.132, -15.745, nil},
		{"kaffrine", "Kaffrine", "kaffrine", "Kaffrine", 14.106, -15.550, nil},
		{"kaffrine", "Kaffrine", "koungheul", "Koungheul", 13.983, -14.800, nil},
		{"kaffrine", "Kaffrine", "malem-hodar", "Malem-Hodar", 14.090, -15.300, []string{"Malem Hoddar"}},
		{"kaolack", "Kaolack", "guinguineo", "Guinguinéo", 14.267, -15.950, nil},
		{"kaolack", "Kaolack", "kaolack", "Kaolack", 14.152, -16.073, nil},
		{"kaolack", "Kaolack", "nioro-du-rip", "Nioro du Rip", 13.750, -15.800, []string{"Nioro"}},
		{"kedougou", "Kédougou", "kedougou", "Kédougou", 12.557, -12.176, nil},
		{"kedougou", "Kédougou", "salemata", "Salémata", 12.630, -12.820, nil},
		{"kedougou", "Kédougou", "saraya", "Saraya", 12.840, -11.750, nil},
		{"kolda", "Kolda", "kolda", "Kolda", 12.894, -14.942, nil},
		{"kolda", "Kolda", "medina-yoro-foulah", "Médina Yoro Foulah", 13.293, -14.720, nil},
		{"kolda", "Kolda", "velingara", "Vélingara", 13.150, -14.110, nil},
		{"louga", "Louga", "kebemer", "Kébémer", 15.370, -16.450, nil},
		{"louga", "Louga", "linguere", "Linguère", 15.395, -15.117, []string{"Dahra"}},
		{"louga", "Louga", "louga", "Louga", 15.619, -16.224, nil},
		{"matam", "Matam", "kanel", "Kanel", 15.490, -13.180, nil},
		{"matam", "Matam", "matam", "Matam", 15.656, -13.256, []string{"Ourossogui"}},
		{"matam", "Matam", "ranerou-ferlo", "Ranérou-Ferlo", 15.300, -13.960, []string{"Ranérou"}},
		{"saint-louis", "Saint-Louis", "dagana", "Dagana", 16.518, -15.505, []string{"Richard Toll"}},
		{"saint-louis", "Saint-Louis", "podor", "Podor", 16.652, -14.959, nil},
		{"saint-louis", "Saint-Louis", "saint-louis", "Saint-Louis", 16.026, -16.489, []string{"St Louis", "St-Louis", "Saint Louis", "Ndar"}},
		{"sedhiou", "Sédhiou", "bounkiling", "Bounkiling", 13.040, -15.700, nil},
		{"sedhiou", "Sédhiou", "goudomp", "Goudomp", 12.578, -15.877, nil},
		{"sedhiou", "Sédhiou", "sedhiou", "Sédhiou", 12.708, -15.557, nil},
		{"tambacounda", "Tambacounda", "bakel", "Bakel", 14.905, -12.457, nil},
		{"tambacounda", "Tambacounda", "goudiry", "Goudiry", 14.183, -12.717, nil},
		{"tambacounda", "Tambacounda", "koumpentoum", "Koumpentoum", 13.983, -14.550, nil},
		{"tambacounda", "Tambacounda", "tambacounda", "Tambacounda", 13.770, -13.668, []string{"Tamba"}},
		{"thies", "Thiès", "mbour", "Mbour", 14.420, -16.964, []string{"Mbuur", "Saly"}},
		{"thies", "Thiès", "thies", "Thiès", 14.791, -16.926, []string{"Cees"}},
		{"thies", "Thiès", "tivaouane", "Tivaouane", 14.950, -16.817, nil},
		{"ziguinchor", "Ziguinchor", "bignona", "Bignona", 12.810, -16.226, nil},
		{"ziguinchor", "Ziguinchor", "oussouye", "Oussouye", 12.485, -16.547, nil},
		{"ziguinchor", "Ziguinchor", "ziguinchor", "Ziguinchor", 12.583, -16.272, nil},
	}
}

// askDepartment lists the focus regions whose offers differ by department.
func askDepartment(region string) bool { return region == "diourbel" }

// department converts a reference row.
func (r placeRow) department() Department {
	return Department{ID: r.id, Name: r.name, Region: r.region, Aliases: r.aliases, Lat: r.lat, Lon: r.lon}
}

// Regions returns Senegal's 14 regions sorted by name, each with its departments; a fresh
// copy, so callers may keep or change it. A region's centroid is the mean of its towns.
func Regions() []Region {
	var out []Region
	idx := map[string]int{}
	for _, r := range placeRows() {
		i, ok := idx[r.region]
		if !ok {
			i = len(out)
			idx[r.region] = i
			out = append(out, Region{ID: r.region, Name: r.regionName, Aliases: regionAliases(r.region), AskDepartment: askDepartment(r.region)})
		}
		out[i].Departments = append(out[i].Departments, r.department())
	}
	for i := range out {
		n := float64(len(out[i].Departments))
		for _, d := range out[i].Departments {
			out[i].Lat += d.Lat / n
			out[i].Lon += d.Lon / n
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return Fold(out[i].Name) < Fold(out[j].Name) })
	return out
}

// RegionByID finds a region of the reference list by its slug.
func RegionByID(id string) (Region, bool) {
	for _, r := range Regions() {
		if r.ID == id {
			return r, true
		}
	}
	return Region{}, false
}

// DepartmentByID finds a department of the reference list by its country-wide slug.
func DepartmentByID(id string) (Department, bool) {
	for _, r := range placeRows() {
		if r.id == id {
			return r.department(), true
		}
	}
	return Department{}, false
}

// NearestDepartment maps a shared location to the department whose chief town is closest.
func NearestDepartment(p LatLon) (Department, float64) {
	var best placeRow
	bestKm := math.Inf(1)
	for _, r := range placeRows() {
		if km := Haversine(p, LatLon{r.lat, r.lon}); km < bestKm {
			best, bestKm = r, km
		}
	}
	return best.department(), bestKm
}

// Haversine returns the great-circle distance between two points in kilometres.
func Haversine(a, b LatLon) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// FindPlace reads a place typed by a user (accents, case and dashes ignored): a region name
// gives (region, "", true), a department name or alias gives both ids. In longer text
// ("j'habite à Touba") the longest name it contains as whole words wins; on a tie a region
// beats its namesake department, so "Diourbel" means the region.
func FindPlace(text string) (region, department string, ok bool) {
	t := " " + Fold(text) + " "
	bestLen := 0
	consider := func(name, reg, dep string) {
		n := Fold(name)
		if n == "" || !strings.Contains(t, " "+n+" ") {
			return
		}
		if len(n) > bestLen || (len(n) == bestLen && dep == "" && department != "") {
			bestLen, region, department = len(n), reg, dep
		}
	}
	for _, r := range Regions() {
		for _, n := range append([]string{r.Name, r.ID}, r.Aliases...) {
			consider(n, r.ID, "")
		}
		for _, d := range r.Departments {
			for _, n := range append([]string{d.Name, d.ID}, d.Aliases...) {
				consider(n, r.ID, d.ID)
			}
		}
	}
	return region, department, bestLen > 0
}

// Fold lowers case, strips accents and turns punctuation into single spaces, so "Thiès",
// "THIES" and "thies" compare equal; it is the key for places and search.
func Fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	return foldUnicode(s)
}

// foldUnicode is Fold for any text: decompose, drop the accents, lower the letters.
func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if r == 'ŋ' || r == 'Ŋ' { // Wolof letter NFD cannot decompose
				r = 'n'
			}
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// foldASCII is Fold for plain ASCII text (most catalog words), without the Unicode
// decomposition; ok is false as soon as a byte is not ASCII.
func foldASCII(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := false // a separator was seen since the last letter or digit
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if sep && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sep = false
			if c <= 'Z' && c >= 'A' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		default:
			sep = true
		}
	}
	return b.String(), true
}
