package web

import (
	"net/url"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/samayoon/samayoon/catalog"
)

// kind is how a catalog field is edited and written.
type kind int

// The field kinds of the edit forms.
const (
	kString  kind = iota // one line of text
	kText                // French and Wolof side by side
	kLong                // French and Wolof, several lines
	kList                // comma-separated words, written [a, b]
	kLines               // one item per line (sources)
	kChoices             // check boxes, written [a, b]
	kChoice              // a select
	kBool                // a check box
	kDate                // AAAA-MM-JJ
	kNumber              // digits
	kGroup               // a block of sub-fields
	kRepeat              // a list of blocks (phones, locations)
)

// field is one key of a catalog entry, in file order.
type field struct {
	Key      string
	Label    string
	Kind     kind
	Required bool
	Flow     bool // write the block on one line, {a: b}, as the file does
	Options  []option
	Sub      []field
	Help     string
}

// option is one choice of a select or of check boxes.
type option struct{ Value, Label string }

// needOptions lists the needs with their French names.
func needOptions() []option {
	names := map[catalog.Need]string{
		catalog.NeedJob: "Emploi", catalog.NeedTraining: "Formation", catalog.NeedFinance: "Financement",
		catalog.NeedHealth: "Santé", catalog.NeedPapers: "Papiers", catalog.NeedMigration: "Migration",
		catalog.NeedTalk: "Parler à quelqu'un",
	}
	var out []option
	for _, n := range catalog.Needs() {
		out = append(out, option{string(n), names[n]})
	}
	return out
}

// audienceOptions lists the audiences with their French names.
func audienceOptions() []option {
	return []option{{"retour", "Migrants de retour"}, {"jeune", "Jeunes"}, {"famille", "Familles"}, {"autre", "Autres"}}
}

// phoneFields are the fields of one phone number.
func phoneFields() []field {
	return []field{
		{Key: "number", Label: "Numéro", Kind: kString, Help: "+221 puis le numéro, sans espace ; jamais un numéro sans source publique"},
		{Key: "label", Label: "Libellé", Kind: kText},
	}
}

// offerFields is every field of an offer, in the file's order.
func offerFields(orgs []option) []field {
	return append([]field{
		{Key: "id", Label: "Identifiant", Kind: kString, Required: true, Help: "minuscules, chiffres, tirets ; ne changez pas l'id d'une offre publiée"},
		{Key: "organization", Label: "Organisation", Kind: kChoice, Required: true, Options: orgs},
		{Key: "name", Label: "Nom", Kind: kText, Required: true},
		{Key: "summary", Label: "Résumé (une ligne, 90 caractères)", Kind: kText, Required: true},
		{Key: "description", Label: "Description", Kind: kLong},
		{Key: "eligibility", Label: "Pour qui", Kind: kLong},
		{Key: "how_to_apply", Label: "Comment faire", Kind: kLong},
		{Key: "documents", Label: "Documents à apporter", Kind: kLong},
		{Key: "cost", Label: "Coût", Kind: kText},
		{Key: "schedule", Label: "Horaires", Kind: kText},
		{Key: "audiences", Label: "Publics", Kind: kChoices, Required: true, Options: audienceOptions()},
		{Key: "needs", Label: "Besoins", Kind: kChoices, Required: true, Options: needOptions()},
		{Key: "area", Label: "Zone couverte", Kind: kGroup, Required: true, Flow: true, Sub: []field{
			{Key: "national", Label: "Tout le pays", Kind: kBool},
			{Key: "regions", Label: "Régions", Kind: kList, Help: "ex. diourbel, thies"},
			{Key: "departments", Label: "Départements", Kind: kList, Help: "ex. bambey, mbacke"},
			{Key: "radius_km", Label: "Rayon autour des lieux (km)", Kind: kNumber},
		}},
		{Key: "locations", Label: "Lieux", Kind: kRepeat, Sub: []field{
			{Key: "name", Label: "Nom du lieu", Kind: kText},
			{Key: "address", Label: "Adresse", Kind: kText},
			{Key: "region", Label: "Région", Kind: kString},
			{Key: "department", Label: "Département", Kind: kString},
			{Key: "lat", Label: "Latitude", Kind: kNumber},
			{Key: "lon", Label: "Longitude", Kind: kNumber},
		}},
		{Key: "phones", Label: "Téléphones", Kind: kRepeat, Sub: phoneFields()},
		{Key: "email", Label: "E-mail", Kind: kString},
		{Key: "website", Label: "Site web", Kind: kString},
		{Key: "window", Label: "Appel à candidatures", Kind: kGroup, Flow: true, Sub: []field{
			{Key: "opens", Label: "Ouverture (AAAA-MM-JJ)", Kind: kDate},
			{Key: "closes", Label: "Clôture (AAAA-MM-JJ)", Kind: kDate},
		}},
		{Key: "status", Label: "Statut", Kind: kChoice, Required: true, Options: []option{{"active", "active (montrée)"}, {"inactive", "inactive (cachée)"}}},
		{Key: "general_contact", Label: "Contact général (montré quand rien ne correspond)", Kind: kBool},
		{Key: "keywords", Label: "Mots-clés de recherche", Kind: kGroup, Sub: []field{
			{Key: "fr", Label: "Français", Kind: kList}, {Key: "wo", Label: "Wolof", Kind: kList},
		}},
	}, provenanceFields()...)
}

// orgFields is every field of an organisation, in the file's order.
func orgFields() []field {
	return append([]field{
		{Key: "id", Label: "Identifiant", Kind: kString, Required: true},
		{Key: "name", Label: "Nom", Kind: kString, Required: true},
		{Key: "acronym", Label: "Sigle", Kind: kString},
		{Key: "description", Label: "Description", Kind: kLong},
		{Key: "website", Label: "Site web", Kind: kString},
		{Key: "email", Label: "E-mail", Kind: kString},
		{Key: "phones", Label: "Téléphones", Kind: kRepeat, Sub: phoneFields()},
	}, provenanceFields()...)
}

// provenanceFields close every entry: where its facts come from and when they were checked.
func provenanceFields() []field {
	return []field{
		{Key: "sources", Label: "Sources publiques (une adresse par ligne)", Kind: kLines, Required: true},
		{Key: "verified", Label: "Vérifié le (AAAA-MM-JJ)", Kind: kDate, Required: true},
	}
}

// pageFields is every field of an information page, in the file's order.
func pageFields() []field {
	return append([]field{
		{Key: "id", Label: "Identifiant", Kind: kString, Required: true},
		{Key: "needs", Label: "Besoins", Kind: kChoices, Required: true, Options: needOptions()},
		{Key: "title", Label: "Titre", Kind: kText, Required: true},
		{Key: "body", Label: "Texte", Kind: kLong, Required: true},
	}, provenanceFields()...)
}

// join builds a form field name such as "phones.0.number".
func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// scalarText is a scalar's text as the catalog reads it (block scalars lose their last newline).
func scalarText(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		return ""
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return strings.TrimRight(n.Value, "\n")
	}
	return n.Value
}

// seqTexts lists the scalar items of a sequence.
func seqTexts(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, item := range n.Content {
		out = append(out, scalarText(item))
	}
	return out
}

// formValues reads an entry's node into form values, exactly as written in the file.
func formValues(fields []field, prefix string, n *yaml.Node, vals url.Values) {
	for _, f := range fields {
		p, v := join(prefix, f.Key), catalog.NodeValue(n, f.Key)
		switch f.Kind {
		case kText, kLong:
			vals.Set(p+".fr", scalarText(catalog.NodeValue(v, "fr")))
			vals.Set(p+".wo", scalarText(catalog.NodeValue(v, "wo")))
		case kList:
			vals.Set(p, strings.Join(seqTexts(v), ", "))
		case kLines:
			vals.Set(p, strings.Join(seqTexts(v), "\n"))
		case kChoices:
			vals[p] = seqTexts(v)
		case kGroup:
			formValues(f.Sub, p, v, vals)
		case kRepeat:
			if v != nil && v.Kind == yaml.SequenceNode {
				for i, item := range v.Content {
					formValues(f.Sub, join(p, strconv.Itoa(i)), item, vals)
				}
			}
		default:
			vals.Set(p, scalarText(v))
		}
	}
}

// rows is how many blocks of a repeated field the values hold.
func rows(f field, p string, vals url.Values) int {
	n := 0
	for k := range vals {
		rest, ok := strings.CutPrefix(k, p+".")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(num); err == nil && i >= n && i < maxRows {
			n = i + 1
		}
	}
	return n
}

// maxRows bounds repeated blocks read from a form (a forged form cannot ask for millions).
const maxRows = 50
