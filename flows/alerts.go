package flows

import (
	"context"
	"strings"

	"github.com/samayoon/samayoon/catalog"
)

// Alerts keeps which chats want to hear of new offers for a need in a place: the chat id,
// its language, the need and the place, nothing else. Defined here, where users ask for it;
// the Redis store implements it, the tests use a fake.
type Alerts interface {
	// Subscribe adds the chat to sub and records its language; false when it already was.
	Subscribe(ctx context.Context, chat, lang string, sub Subscription) (bool, error)
	// Subscriptions lists the chat's alerts in a stable order.
	Subscriptions(ctx context.Context, chat string) ([]Subscription, error)
	// Unsubscribe removes one alert; false when the chat did not have it.
	Unsubscribe(ctx context.Context, chat string, sub Subscription) (bool, error)
	// UnsubscribeAll removes every alert of the chat and returns how many there were.
	UnsubscribeAll(ctx context.Context, chat string) (int, error)
}

// Subscription is one alert: a need in a department, else a region, else the whole country.
type Subscription struct {
	Need, Region, Dept string
}

// Key is the subscription's compact name, "need:d-dept", "need:r-region" or "need:all": it
// names the Redis set of its chats, the button that removes it and its statistics field.
func (s Subscription) Key() string { return s.Need + ":" + PlaceKey(s.Region, s.Dept) }

// PlaceKey names a place in subscription keys; a department wins over its region.
func PlaceKey(region, dept string) string {
	switch {
	case dept != "":
		return "d-" + dept
	case region != "":
		return "r-" + region
	}
	return "all"
}

// ParseSubscription reads a Key back, checking the need and the place against the closed
// lists (a forged button gets false).
func ParseSubscription(key string) (Subscription, bool) {
	need, place, ok := strings.Cut(key, ":")
	if !ok || !isNeed(need) {
		return Subscription{}, false
	}
	s := Subscription{Need: need}
	switch {
	case place == "all":
		return s, true
	case strings.HasPrefix(place, "d-"):
		d, ok := catalog.DepartmentByID(place[2:])
		s.Dept, s.Region = d.ID, d.Region
		return s, ok
	case strings.HasPrefix(place, "r-"):
		r, ok := catalog.RegionByID(place[2:])
		s.Region = r.ID
		return s, ok
	}
	return Subscription{}, false
}

// Alert choice ids: subscribe to the page's need and place, list, remove one, stop all, and
// open an offer from an alert message (counted as the alert being opened).
const (
	idAlertOn   = "a:on"
	idAlertList = "a:list"
	idAlertStop = "a:stop"
	alertRemove = "a:rm:" // + Subscription.Key()
	alertOpen   = "a:o:"  // + offer id
)

// Statistics of alerts: subscriptions (+ key), removals, messages sent, opened and stopped.
const (
	StatAlertOn     = "alert_on:"
	StatAlertOff    = "alert_off"
	StatAlertSent   = "alert_sent"
	StatAlertOpened = "alert_opened"
	StatAlertStop   = "alert_stop"
)

// alertsOn reports whether the engine can keep alerts.
func (t *turn) alertsOn() bool { return t.e.cfg.Alerts != nil }

// pageSubscription is what "🔔" on the current results page subscribes to.
func (t *turn) pageSubscription() Subscription {
	return Subscription{Need: t.s.Need, Region: t.s.Region, Dept: t.s.Department}
}

// alertRow is the "🔔" button of a results page, when alerts are kept.
func (t *turn) alertRow(lang string) [][]Choice {
	if !t.alertsOn() || t.s.Need == "" {
		return nil
	}
	return [][]Choice{{t.buttonIn(lang, idAlertOn, "choice_alert")}}
}

// alertChoice applies an "a:" button.
func (t *turn) alertChoice(id string) []Reply {
	if !t.alertsOn() {
		return []Reply{t.note("stale_hint")} // a forged or old button: this engine keeps no alerts
	}
	switch {
	case id == idAlertOn:
		return t.subscribe()
	case id == idAlertList:
		return []Reply{t.alertList()}
	case id == idAlertStop:
		return t.alertsStop()
	case strings.HasPrefix(id, alertRemove):
		return t.alertRemove(strings.TrimPrefix(id, alertRemove))
	case strings.HasPrefix(id, alertOpen):
		t.count(StatAlertOpened)
		return t.choice("o:" + strings.TrimPrefix(id, alertOpen))
	}
	return []Reply{t.note("stale_hint")}
}

// alertData names a subscription's need and place for messages.
func (t *turn) alertData(s Subscription) map[string]any {
	lang := t.lang()
	place := t.e.text(lang, "place_national", nil)
	switch {
	case s.Dept != "":
		place = t.e.geo.deptName(s.Dept)
	case s.Region != "":
		place = t.e.geo.regionName(s.Region)
	}
	return map[string]any{"Need": t.e.text(lang, "need_"+s.Need, nil), "Place": place}
}

// subscribe keeps the page's need and place and says what will come, how often and how to stop.
func (t *turn) subscribe() []Reply {
	sub := t.pageSubscription()
	if !isNeed(sub.Need) {
		return []Reply{t.note("stale_hint")}
	}
	added, err := t.e.cfg.Alerts.Subscribe(t.ctx, t.chat.ID, t.lang(), sub)
	if err != nil {
		return t.alertFailed(err)
	}
	msg := "alert_already"
	if added {
		msg = "alert_on"
		t.count(StatAlertOn + sub.Key())
	}
	r := Reply{Text: t.e.text(t.lang(), msg, t.alertData(sub))}
	r.Choices = [][]Choice{{t.button(idAlertList, "choice_alert_list")},
		{t.button(idMore, "choice_more"), t.button(idRestart, "choice_restart")}}
	return []Reply{r}
}

// alertList shows the chat's alerts, each with a button that removes it.
func (t *turn) alertList() Reply {
	subs, err := t.e.cfg.Alerts.Subscriptions(t.ctx, t.chat.ID)
	if err != nil {
		return t.alertFailed(err)[0]
	}
	if len(subs) == 0 {
		return Reply{Text: t.e.text(t.lang(), "alert_none", nil)}
	}
	var b strings.Builder
	b.WriteString(t.e.text(t.lang(), "alert_list", nil))
	var cs [][]Choice
	for _, s := range subs {
		d := t.alertData(s)
		line := t.e.text(t.lang(), "alert_item", d)
		b.WriteString("\n• " + line)
		cs = append(cs, []Choice{{ID: alertRemove + s.Key(), Label: "❌ " + clip(line, 50)}})
	}
	cs = append(cs, []Choice{t.button(idAlertStop, "choice_alert_stop")})
	return Reply{Text: b.String(), Choices: cs}
}

// alertRemove removes one alert and shows the list again.
func (t *turn) alertRemove(key string) []Reply {
	sub, ok := ParseSubscription(key)
	if !ok {
		return []Reply{t.note("stale_hint")}
	}
	removed, err := t.e.cfg.Alerts.Unsubscribe(t.ctx, t.chat.ID, sub)
	if err != nil {
		return t.alertFailed(err)
	}
	pre := Reply{Text: t.e.text(t.lang(), "alert_removed", t.alertData(sub))}
	if removed {
		t.count(StatAlertOff)
	}
	return []Reply{pre, t.alertList()}
}

// alertsStop removes every alert of the chat (the "Stop" button of an alert message).
func (t *turn) alertsStop() []Reply {
	n, err := t.e.cfg.Alerts.UnsubscribeAll(t.ctx, t.chat.ID)
	if err != nil {
		return t.alertFailed(err)
	}
	if n > 0 {
		t.count(StatAlertStop)
	}
	return []Reply{t.note("alert_stopped")}
}

// forgetAlerts removes the chat's alerts with the rest of its data (/oublier); false when the
// store failed, so nothing is said to be erased that was not.
func (t *turn) forgetAlerts() bool {
	if !t.alertsOn() {
		return true
	}
	if _, err := t.e.cfg.Alerts.UnsubscribeAll(t.ctx, t.chat.ID); err != nil {
		t.e.log.ErrorContext(t.ctx, "forgetting alerts failed", "err", err)
		return false
	}
	return true
}

// alertFailed logs a store failure and tells the user politely to try again.
func (t *turn) alertFailed(err error) []Reply {
	t.e.log.ErrorContext(t.ctx, "alerts store failed", "err", err)
	return []Reply{t.note("unavailable")}
}

// isAlertID reports whether a choice id is an alert button, accepted from any question
// (alert messages and lists stay in the chat's history).
func isAlertID(id string) bool { return strings.HasPrefix(id, "a:") }

// SubscriptionKeys lists every key a subscription can have: each need in the whole
// country, each region and each department (the store looks a chat's alerts up in them).
func SubscriptionKeys() []string {
	var places []string
	places = append(places, PlaceKey("", ""))
	for _, r := range catalog.Regions() {
		places = append(places, PlaceKey(r.ID, ""))
		for _, d := range r.Departments {
			places = append(places, PlaceKey(r.ID, d.ID))
		}
	}
	var out []string
	for _, n := range catalog.Needs() {
		for _, p := range places {
			out = append(out, string(n)+":"+p)
		}
	}
	return out
}
