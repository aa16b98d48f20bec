package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/samayoon/samayoon/catalog"
)

// staffOnly reports a message posted only in the staff group, which is French only.
func staffOnly(id string) bool { return strings.HasPrefix(id, "staff_") }

// messageTexts lists the bot's messages in fr.toml order, with their Wolof from wo.toml.
func messageTexts(fr, wo []byte) ([]Text, error) {
	frMsgs, order, err := readMessages("fr.toml", fr)
	if err != nil {
		return nil, err
	}
	woMsgs, _, err := readMessages("wo.toml", wo)
	if err != nil {
		return nil, err
	}
	var out []Text
	for _, id := range order {
		if staffOnly(id) {
			continue
		}
		shown, whole := frMsgs[id].shown(), frMsgs[id].whole()
		out = append(out, Text{ID: "msg/" + id, Where: messageWhere(id), Fr: shown, Wo: woMsgs[id].shown(), FrHash: Hash(whole)})
	}
	return out, nil
}

// message is one message of a TOML file: a string, or plural forms.
type message map[string]string

// shown is the form reviewers see: the string, or the "other" plural form.
func (m message) shown() string {
	if s, ok := m[""]; ok {
		return s
	}
	return m["other"]
}

// whole is every form in a fixed order, so a change to any French form re-flags the Wolof.
func (m message) whole() string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		if k != "" {
			b.WriteString(k + ": ")
		}
		b.WriteString(m[k] + "\n")
	}
	return b.String()
}

// readMessages parses a message file; order lists the ids as written.
func readMessages(name string, data []byte) (map[string]message, []string, error) {
	raw := map[string]any{}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, nil, fmt.Errorf("%s : %w", name, err)
	}
	out := map[string]message{}
	var order []string
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		id := k[0]
		switch v := raw[id].(type) {
		case string:
			out[id] = message{"": v}
		case map[string]any:
			m := message{}
			for form, s := range v {
				if str, ok := s.(string); ok {
					m[form] = str
				}
			}
			out[id] = m
		default:
			return nil, nil, fmt.Errorf("%s : %s n'est ni un texte ni une table de pluriels", name, id)
		}
		order = append(order, id)
	}
	return out, order, nil
}

// messageWhere tells reviewers where a message appears, from its id's prefix.
func messageWhere(id string) string {
	exact := map[string]string{
		"greeting": "premier message (/start)", "help_text": "/aide", "about_text": "/apropos",
		"forget_question": "/oublier", "forget_done": "/oublier", "forget_kept": "/oublier",
		"unknown_command": "commande inconnue", "unavailable": "quand le service est en panne",
		"results_pick": "sous la liste des offres", "feedback_question": "sous les offres et les fiches",
	}
	if w, ok := exact[id]; ok {
		return "message " + id + " — " + w
	}
	prefixes := []struct{ prefix, where string }{
		{"cmd_", "menu des commandes de Telegram"},
		{"choice_", "bouton"}, {"need_", "bouton (besoin)"}, {"audience_", "bouton (profil)"},
		{"lang_fr", "bouton (langue)"}, {"lang_wo", "bouton (langue)"},
		{"problem_", "bouton (signaler un problème)"}, {"location_button", "bouton"}, {"phone_button", "bouton"},
		{"detail_", "titre dans la fiche d'une offre"}, {"reach_", "contact dans la liste des offres"},
		{"handoff_", "conversation avec l'équipe"}, {"about_", "/apropos"},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(id, p.prefix) {
			return "message " + id + " — " + p.where
		}
	}
	return "message " + id
}

// catalogField is one text field of an offer, with what reviewers are told about it.
type catalogField struct {
	name, where string
	get         func(*catalog.Offer) catalog.Text
}

// offerFields lists an offer's text fields in the order of its page.
func offerFields() []catalogField {
	return []catalogField{
		{"name", "titre (résultats et fiche)", func(o *catalog.Offer) catalog.Text { return o.Name }},
		{"summary", "résumé (liste des résultats)", func(o *catalog.Offer) catalog.Text { return o.Summary }},
		{"description", "description (fiche)", func(o *catalog.Offer) catalog.Text { return o.Description }},
		{"eligibility", "pour qui (fiche)", func(o *catalog.Offer) catalog.Text { return o.Eligibility }},
		{"how_to_apply", "comment faire (fiche)", func(o *catalog.Offer) catalog.Text { return o.HowToApply }},
		{"documents", "documents à apporter (fiche)", func(o *catalog.Offer) catalog.Text { return o.Documents }},
		{"cost", "coût (fiche)", func(o *catalog.Offer) catalog.Text { return o.Cost }},
		{"schedule", "horaires (fiche)", func(o *catalog.Offer) catalog.Text { return o.Schedule }},
	}
}

// catalogTexts lists every text of the catalog with French, in file order; the Wolof search
// keywords are left out (they are search aids, not translations).
func catalogTexts(c *catalog.Catalog) []Text {
	var out []Text
	add := func(id, where string, t catalog.Text) {
		if strings.TrimSpace(t.Fr) != "" {
			out = append(out, Text{ID: id, Where: where, Fr: t.Fr, Wo: t.Wo, FrHash: Hash(t.Fr)})
		}
	}
	phones := func(prefix, owner string, ps []catalog.Phone) {
		for i, p := range ps {
			add(fmt.Sprintf("%s/phone/%d/label", prefix, i+1), fmt.Sprintf("%s : libellé du téléphone %d", owner, i+1), p.Label)
		}
	}
	for _, o := range c.Orgs() {
		owner := fmt.Sprintf("organisation « %s »", o.Name)
		add("org/"+o.ID+"/description", owner+" : description (fiche d'une offre)", o.Summary)
		phones("org/"+o.ID, owner, o.Phones)
	}
	for _, o := range c.Offers() {
		owner := fmt.Sprintf("offre « %s »", o.Name.Fr)
		for _, f := range offerFields() {
			add("offer/"+o.ID+"/"+f.name, owner+" : "+f.where, f.get(&o))
		}
		for i, l := range o.Locations {
			where := fmt.Sprintf("%s : lieu %d", owner, i+1)
			add(fmt.Sprintf("location/%s/%d/name", o.ID, i+1), where+", nom (fiche et carte)", l.Name)
			add(fmt.Sprintf("location/%s/%d/address", o.ID, i+1), where+", adresse (fiche)", l.Address)
		}
		phones("offer/"+o.ID, owner, o.Phones)
	}
	for _, p := range c.AllInfoPages() {
		owner := fmt.Sprintf("page d'information « %s »", p.Title.Fr)
		add("info/"+p.ID+"/title", owner+" : titre (bouton et page)", p.Title)
		add("info/"+p.ID+"/body", owner+" : texte de la page", p.Body)
	}
	return out
}
