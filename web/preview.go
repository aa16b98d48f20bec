package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/samayoon/samayoon/catalog"
)

// previewLang is one language of the Telegram preview.
type previewLang struct {
	Lang, Label string
	Result      string // the line in a results list
	Details     string // the details page
}

// previewer writes an entry the way the bot shows it, with the bot's own message texts.
type previewer struct{ bundle *i18n.Bundle }

// msg is one bot message in lang ("" when the bundle lacks it).
func (p previewer) msg(lang, id string, data map[string]any) string {
	s, err := i18n.NewLocalizer(p.bundle, lang).Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return ""
	}
	return s
}

// text picks lang's text of a form field, falling back to French as the bot does.
func text(vals url.Values, p, lang string) (string, bool) {
	fr, wo := clean(vals.Get(p+".fr")), clean(vals.Get(p+".wo"))
	return catalog.Text{Fr: fr, Wo: wo}.In(lang)
}

// offer previews an offer's results line and details page in both languages; org is the
// organisation chosen in the form (nil when unknown).
func (p previewer) offer(vals url.Values, org *catalog.Organization) []previewLang {
	var out []previewLang
	for _, lang := range []string{"fr", "wo"} {
		name, _ := text(vals, "name", lang)
		summary, _ := text(vals, "summary", lang)
		head := name
		if o := orgShort(org); o != "" {
			head = o + " — " + name
		}
		lines := []string{head}
		fell := false
		for _, f := range [][2]string{{"detail_description", "description"}, {"detail_eligibility", "eligibility"},
			{"detail_apply", "how_to_apply"}, {"detail_documents", "documents"}, {"detail_cost", "cost"}, {"detail_hours", "schedule"}} {
			s, fb := text(vals, f[1], lang)
			if s == "" {
				continue
			}
			fell = fell || fb
			lines = append(lines, p.msg(lang, f[0], nil)+" : "+s)
		}
		if a := previewAddress(vals, lang); a != "" {
			lines = append(lines, p.msg(lang, "detail_address", nil)+" : "+a)
		}
		if c := previewContacts(vals, org); c != "" {
			lines = append(lines, p.msg(lang, "detail_contacts", nil)+" : "+c)
		}
		if d, err := time.Parse(time.DateOnly, clean(vals.Get("verified"))); err == nil {
			lines = append(lines, p.msg(lang, "detail_verified", map[string]any{"Date": d.Format("02/01/2006")}))
		}
		if fell {
			lines = append(lines, p.msg(lang, "detail_fallback", nil))
		}
		out = append(out, previewLang{Lang: lang, Label: langLabel(lang), Result: "1. " + head + "\n" + summary, Details: strings.Join(lines, "\n\n")})
	}
	return out
}

// page previews an information page in both languages.
func (p previewer) page(vals url.Values) []previewLang {
	var out []previewLang
	for _, lang := range []string{"fr", "wo"} {
		title, _ := text(vals, "title", lang)
		body, fb := text(vals, "body", lang)
		d := title + "\n\n" + body
		if fb {
			d += "\n\n" + p.msg(lang, "detail_fallback", nil)
		}
		out = append(out, previewLang{Lang: lang, Label: langLabel(lang), Result: "📖 " + title, Details: d})
	}
	return out
}

// langLabel names a language for staff.
func langLabel(lang string) string {
	if lang == "wo" {
		return "Wolof"
	}
	return "Français"
}

// orgShort is how the bot names an organisation: its acronym, else its name.
func orgShort(org *catalog.Organization) string {
	if org == nil {
		return ""
	}
	if org.Acronym != "" {
		return org.Acronym
	}
	return org.Name
}

// previewAddress is the first place's name and address.
func previewAddress(vals url.Values, lang string) string {
	name, _ := text(vals, "locations.0.name", lang)
	addr, _ := text(vals, "locations.0.address", lang)
	return strings.Trim(name+", "+addr, ", ")
}

// previewContacts lists the phones (the organisation's when the offer has none), e-mail and website.
func previewContacts(vals url.Values, org *catalog.Organization) string {
	var cs []string
	for _, k := range []string{"phones.0.number", "phones.1.number", "phones.2.number", "phones.3.number"} {
		if v := clean(vals.Get(k)); v != "" {
			cs = append(cs, v)
		}
	}
	email, site := clean(vals.Get("email")), clean(vals.Get("website"))
	if org != nil {
		if len(cs) == 0 {
			for _, ph := range org.Phones {
				cs = append(cs, ph.Number)
			}
		}
		email, site = firstNonEmpty(email, org.Email), firstNonEmpty(site, org.Website)
	}
	for _, c := range []string{email, site} {
		if c != "" {
			cs = append(cs, c)
		}
	}
	return strings.Join(cs, " · ")
}

// firstNonEmpty returns a unless it is empty.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
