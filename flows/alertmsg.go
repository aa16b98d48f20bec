package flows

import (
	"context"
	"strconv"
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// maxAlertOffers bounds one alert message: a day with more new offers lists the first ones.
const maxAlertOffers = 8

// AlertItem is one offer of an alert message; Remind says its application window closes soon.
type AlertItem struct {
	Offer  string
	Remind bool
}

// AlertMessage renders a chat's one alert message of the day in lang: the new offers, then
// the windows closing soon, each with its details button, and the Stop button. ok is false
// when none of the offers is still open in the current catalog (nothing worth sending).
func (e *Engine) AlertMessage(lang string, items []AlertItem) (Reply, bool) {
	if lang != "wo" {
		lang = "fr"
	}
	cat := e.cfg.Catalog()
	if cat == nil {
		return Reply{}, false
	}
	t := &turn{e: e, ctx: context.Background(), cat: cat, s: session{Version: schemaVersion, Lang: lang}, now: e.cfg.Now()}
	var b strings.Builder
	var row []Choice
	for _, remind := range []bool{false, true} {
		head := false
		for _, it := range items {
			o, org, found := cat.Offer(it.Offer)
			if it.Remind != remind || !found || !o.OpenAt(t.now) || len(row) == maxAlertOffers {
				continue
			}
			if !head {
				b.WriteString(e.text(lang, alertHead(remind), nil) + "\n\n")
				head = true
			}
			n := len(row) + 1
			b.WriteString(t.entryOf(lang, catalog.Result{Offer: o, Org: org}, n).text(true) + "\n")
			if remind && !o.Window.Closes.IsZero() {
				b.WriteString(e.textVar(lang, "alert_closes", "Date", o.Window.Closes.Format("02/01/2006")) + "\n")
			}
			b.WriteString("\n")
			row = append(row, Choice{ID: alertOpen + o.ID, Label: e.textVar(lang, "choice_details", "N", strconv.Itoa(n))})
		}
	}
	if len(row) == 0 {
		return Reply{}, false
	}
	b.WriteString(e.text(lang, "alert_footer", nil))
	stop := Choice{ID: idAlertStop, Label: e.text(lang, "choice_alert_stop_short", nil)}
	text := spellOut(b.String(), cat.Acronyms())
	return Reply{Text: clip(text, maxDetails), Lang: lang, Choices: append(rows(row, 5), []Choice{stop})}, true
}

// alertHead is the heading of new offers or of closing windows.
func alertHead(remind bool) string {
	if remind {
		return "alert_remind"
	}
	return "alert_new"
}
