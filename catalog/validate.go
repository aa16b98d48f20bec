package catalog

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// validator checks the meaning of a decoded file; its patterns are built per call (no globals).
type validator struct {
	d              *decoder
	id, e164, sn   *regexp.Regexp
	regions, depts map[string]string // id -> region id (for departments)
	orgs           map[string]bool
}

// validate reports every semantic problem of a decoded file.
func validate(d *decoder, m *fileModel) {
	v := &validator{
		d:       d,
		id:      regexp.MustCompile(`^[a-z0-9-]{1,40}$`),
		e164:    regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`),
		sn:      regexp.MustCompile(`^\+221[0-9]{9}$`),
		regions: map[string]string{}, depts: map[string]string{}, orgs: map[string]bool{},
	}
	for _, r := range placeRows() {
		v.regions[r.region] = r.region
		v.depts[r.id] = r.region
	}
	if _, ok := d.lookup("version"); ok && m.Version != 1 {
		v.at("version", "version %d inconnue : ce programme lit la version 1", m.Version)
	}
	seen := map[string]string{}
	for i, o := range m.Organizations {
		p := fmt.Sprintf("organizations[%d]", i)
		v.ident(p, o.ID, "organisation", seen)
		v.orgs[o.ID] = true
		v.contacts(p, o.Phones, o.Email, o.Website)
		v.sources(p, o.Sources)
	}
	seen = map[string]string{}
	for i := range m.Offers {
		v.offer(fmt.Sprintf("offers[%d]", i), &m.Offers[i], seen)
	}
	seen = map[string]string{}
	for i, pg := range m.InfoPages {
		p := fmt.Sprintf("info_pages[%d]", i)
		v.ident(p, pg.ID, "page", seen)
		v.needs(p, pg.Needs)
		v.sources(p, pg.Sources)
	}
}

// at reports a problem at the position of path, or of its closest written parent.
func (v *validator) at(path, format string, args ...any) {
	for {
		if p, ok := v.d.lookup(path); ok {
			v.d.problemAt(p, format, args...)
			return
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			v.d.problemAt(pos{1, 1}, format, args...)
			return
		}
		path = path[:i]
	}
}

// written reports whether the file has a value at path (absent values are reported as missing).
func (v *validator) written(path string) bool {
	_, ok := v.d.lookup(path)
	return ok
}

// ident checks an id's form and uniqueness within its list.
func (v *validator) ident(path, id, what string, seen map[string]string) {
	if id == "" {
		return // already reported as missing
	}
	if !v.id.MatchString(id) {
		v.at(path+".id", "identifiant « %s » invalide : seulement des minuscules sans accent, des chiffres et des tirets, 40 caractères au plus", id)
	}
	if first, dup := seen[id]; dup {
		firstPos, _ := v.d.lookup(first)
		v.at(path+".id", "identifiant « %s » déjà utilisé par une autre %s (ligne %d) : chaque id doit être unique", id, what, firstPos.line)
		return
	}
	seen[id] = path + ".id"
}

// offer checks one offer.
func (v *validator) offer(p string, o *Offer, seen map[string]string) {
	v.ident(p, o.ID, "offre", seen)
	if o.Org != "" && !v.orgs[o.Org] {
		v.at(p+".organization", "organisation « %s » inconnue : elle doit être décrite dans « organizations » avant", o.Org)
	}
	if o.Status != "" && o.Status != "active" && o.Status != "inactive" {
		v.at(p+".status", "statut « %s » inconnu : écrivez active ou inactive", o.Status)
	}
	v.audiences(p, o.Audiences)
	v.needs(p, o.Needs)
	v.area(p, o)
	for i, l := range o.Locations {
		v.place(fmt.Sprintf("%s.locations[%d]", p, i), l)
	}
	v.contacts(p, o.Phones, o.Email, o.Website)
	v.sources(p, o.Sources)
	w := o.Window
	if !w.Opens.IsZero() && !w.Closes.IsZero() && w.Closes.Before(w.Opens.Time) {
		v.at(p+".window.closes", "la date de clôture (%s) est avant la date d'ouverture (%s)", w.Closes.Format("2006-01-02"), w.Opens.Format("2006-01-02"))
	}
}

// audiences checks audience ids.
func (v *validator) audiences(p string, as []Audience) {
	if as != nil && len(as) == 0 {
		v.at(p+".audiences", "la liste « audiences » est vide : indiquez au moins un public (retour, jeune, famille, autre)")
	}
	for i, a := range as {
		if !contains(Audiences(), a) {
			v.at(fmt.Sprintf("%s.audiences[%d]", p, i), "public « %s » inconnu : choisissez parmi retour, jeune, famille, autre", a)
		}
	}
}

// needs checks need ids.
func (v *validator) needs(p string, ns []Need) {
	if ns != nil && len(ns) == 0 {
		v.at(p+".needs", "la liste « needs » est vide : indiquez au moins un besoin")
	}
	for i, n := range ns {
		if !contains(Needs(), n) {
			v.at(fmt.Sprintf("%s.needs[%d]", p, i), "besoin « %s » inconnu : choisissez parmi emploi, formation, financement, sante, papiers, migration, parler", n)
		}
	}
}

// area checks that an offer says where it is available, with known places.
func (v *validator) area(p string, o *Offer) {
	a := o.Area
	if !a.National && len(a.Regions) == 0 && len(a.Departments) == 0 && a.RadiusKm == 0 && v.written(p+".area") {
		v.at(p+".area", "zone vide : écrivez national: true, ou regions: [...], ou departments: [...], ou radius_km autour des lieux")
	}
	for i, r := range a.Regions {
		if _, ok := v.regions[r]; !ok {
			v.at(fmt.Sprintf("%s.area.regions[%d]", p, i), "région « %s » inconnue (écrivez par exemple diourbel, saint-louis, thies)", r)
		}
	}
	for i, dep := range a.Departments {
		if _, ok := v.depts[dep]; !ok {
			v.at(fmt.Sprintf("%s.area.departments[%d]", p, i), "département « %s » inconnu (écrivez par exemple mbacke, bambey, diourbel)", dep)
		}
	}
	if a.RadiusKm < 0 {
		v.at(p+".area.radius_km", "le rayon doit être positif")
	}
	if a.RadiusKm > 0 && !anyPoint(o.Locations) {
		v.at(p+".area.radius_km", "un rayon demande au moins un lieu (locations) avec lat et lon")
	}
}

// place checks a location's region, department and coordinates.
func (v *validator) place(p string, l Location) {
	if l.Region != "" {
		if _, ok := v.regions[l.Region]; !ok {
			v.at(p+".region", "région « %s » inconnue (écrivez par exemple diourbel, saint-louis, thies)", l.Region)
		}
	}
	if l.Department != "" {
		r, ok := v.depts[l.Department]
		switch {
		case !ok:
			v.at(p+".department", "département « %s » inconnu (écrivez par exemple mbacke, bambey, diourbel)", l.Department)
		case l.Region != "" && r != l.Region:
			v.at(p+".department", "le département « %s » n'est pas dans la région « %s » mais dans « %s »", l.Department, l.Region, r)
		}
	}
	if l.HasPoint() && (l.Lat < 12 || l.Lat > 17 || l.Lon < -18 || l.Lon > -11) {
		v.at(p+".lat", "coordonnées hors du Sénégal (lat %.4f, lon %.4f) : la latitude va de 12 à 17, la longitude de -18 à -11", l.Lat, l.Lon)
	}
}

// contacts checks phone numbers, e-mail and website.
func (v *validator) contacts(p string, phones []Phone, email, web string) {
	for i, ph := range phones {
		pp := fmt.Sprintf("%s.phones[%d].number", p, i)
		switch {
		case ph.Number == "":
		case !v.e164.MatchString(ph.Number):
			v.at(pp, "numéro « %s » invalide : écrivez-le au format international sans espace, par exemple +221 suivi de 9 chiffres", ph.Number)
		case !strings.HasPrefix(ph.Number, "+221"):
			v.at(pp, "numéro « %s » refusé : seuls les numéros sénégalais sont acceptés, écrits +221 suivi de 9 chiffres", ph.Number)
		case !v.sn.MatchString(ph.Number):
			v.at(pp, "numéro sénégalais « %s » invalide : +221 doit être suivi de 9 chiffres exactement", ph.Number)
		}
	}
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
			v.at(p+".email", "adresse e-mail « %s » invalide (exemple : contact@exemple.sn)", email)
		}
	}
	if web != "" && !validURL(web) {
		v.at(p+".website", "adresse web « %s » invalide : elle doit commencer par https:// ou http://", web)
	}
}

// sources checks that each fact has at least one valid public source URL.
func (v *validator) sources(p string, srcs []string) {
	if srcs != nil && len(srcs) == 0 {
		v.at(p+".sources", "indiquez au moins une source publique (adresse web)")
	}
	for i, s := range srcs {
		if !validURL(s) {
			v.at(fmt.Sprintf("%s.sources[%d]", p, i), "source « %s » invalide : une adresse web commençant par https:// ou http:// est attendue", s)
		}
	}
}

// validURL accepts absolute http(s) URLs with a host.
func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.Contains(u.Host, ".") && !strings.ContainsAny(s, " \t")
}

// anyPoint reports whether some location has coordinates.
func anyPoint(ls []Location) bool {
	for _, l := range ls {
		if l.HasPoint() {
			return true
		}
	}
	return false
}

// contains reports whether xs holds x.
func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
