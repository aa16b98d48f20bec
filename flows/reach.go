package flows

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
)

// maxReception is how many reception offices a page proposes for offers without a contact.
const maxReception = 2

// maxPlace bounds an office's name and address on a results page: room for the longest
// in the shipped catalog (138 characters), whose last words say which town.
const maxPlace = 150

// reach is the single best way to get to an offer, in lang: 📞 phone, 📍 office address,
// 🌐 procedure page, ✉️ e-mail, where to go, or that no contact is published.
func (t *turn) reach(lang string, o *catalog.Offer, org *catalog.Organization) string {
	r := o.BestReach(org)
	switch r.Kind {
	case catalog.ReachPhone:
		return t.e.textVar(lang, "reach_phone", "Phone", r.Phone)
	case catalog.ReachAddress:
		return t.e.textVar(lang, "reach_address", "Place", clip(placeText(lang, r.Location), maxPlace))
	case catalog.ReachWeb:
		return t.e.textVar(lang, "reach_web", "Web", r.URL)
	case catalog.ReachEmail:
		return t.e.textVar(lang, "reach_email", "Email", r.Email)
	case catalog.ReachPlace:
		return t.e.textVar(lang, "reach_place", "Place", clip(placeText(lang, r.Location), maxPlace))
	}
	return t.e.text(lang, "reach_none", nil)
}

// placeText is an office's name and address, in lang.
func placeText(lang string, l *catalog.Location) string {
	name, _ := l.Name.In(lang)
	addr, _ := l.Address.In(lang)
	return strings.Trim(name+", "+addr, ", ")
}

// anyWithoutContact reports whether some listed offer publishes no contact at all.
func anyWithoutContact(hits []catalog.Result) bool {
	for _, h := range hits {
		if !h.Offer.HasContact(h.Org) {
			return true
		}
	}
	return false
}

// loneWithoutContact is the id of the page's only offer without a contact, "" when there are
// more or none: a reception office should not be shown as where to turn for itself.
func loneWithoutContact(hits []catalog.Result) string {
	id := ""
	for _, h := range hits {
		if !h.Offer.HasContact(h.Org) {
			if id != "" {
				return ""
			}
			id = h.Offer.ID
		}
	}
	return id
}

// reception names the reception offices of the user's area that someone can get to: where
// to turn for an offer without a contact. An office already listed is named by its number
// (" n° 2." in French), another on its own line with its best way to reach it; skip (an offer id) is
// left out. "" when there is none.
func (t *turn) reception(lang string, listed []catalog.Result, skip string) string {
	var nums, lines []string
	for _, g := range t.cat.GeneralContacts(t.s.Region, t.s.Department) {
		if len(nums)+len(lines) == maxReception {
			break
		}
		if g.Offer.ID == skip || g.Offer.BestReach(g.Org).Kind == catalog.ReachNone {
			continue
		}
		if n := position(listed, g.Offer.ID); n > 0 {
			nums = append(nums, t.e.textVar(lang, "reception_number", "N", strconv.Itoa(n)))
			continue
		}
		name, _ := g.Offer.Name.In(lang)
		lines = append(lines, "\n• "+offerTitle(g.Org, name)+" : "+t.reach(lang, g.Offer, g.Org))
	}
	out := strings.Join(lines, "")
	if len(nums) > 0 {
		out = " " + strings.Join(nums, ", ") + "." + out
	}
	return out
}

// position is the 1-based rank of an offer in a list, or 0.
func position(hits []catalog.Result, id string) int {
	for i, h := range hits {
		if h.Offer.ID == id {
			return i + 1
		}
	}
	return 0
}

// spellOut writes each organisation's acronym in full at its first appearance on a page
// ("ANPEJ (Agence nationale …)"), unless the page already holds the long form.
func spellOut(text string, acronyms []catalog.Acronym) string {
	for _, a := range acronyms {
		i := wordIndex(text, a.Short)
		if i < 0 || strings.Contains(text, a.Long) {
			continue
		}
		end := i + len(a.Short)
		text = text[:end] + " (" + a.Long + ")" + text[end:]
	}
	return text
}

// wordIndex is the byte index of the first occurrence of w in s that is not part of a longer
// word or of a web address (so "BAOS" is not found in "BAOSX" nor in "baos.sn"), or -1.
func wordIndex(s, w string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		if !wordRune(before) && !continues(s[i+len(w):]) {
			return i
		}
		from = i + len(w)
	}
	return -1
}

// continues reports whether rest goes on with the same word: a letter, a digit, or a joiner
// (/ - _ @ .) followed by one; a sentence's final period or a comma does not.
func continues(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	if wordRune(r) {
		return true
	}
	if !strings.ContainsRune("/-_@.", r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest[n:])
	return wordRune(next)
}

// wordRune reports a letter or a digit.
func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
