package flows

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/internal/testutil"
)

// memAlerts is an in-memory Alerts: chat → language and subscription keys.
type memAlerts struct {
	mu   sync.Mutex
	lang map[string]string
	subs map[string][]string
	fail error
}

func newMemAlerts() *memAlerts {
	return &memAlerts{lang: map[string]string{}, subs: map[string][]string{}}
}

func (m *memAlerts) Subscribe(_ context.Context, chat, lang string, s Subscription) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return false, m.fail
	}
	m.lang[chat] = lang
	if slices.Contains(m.subs[chat], s.Key()) {
		return false, nil
	}
	m.subs[chat] = append(m.subs[chat], s.Key())
	sort.Strings(m.subs[chat])
	return true, nil
}

func (m *memAlerts) Subscriptions(_ context.Context, chat string) ([]Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	var out []Subscription
	for _, k := range m.subs[chat] {
		s, _ := ParseSubscription(k)
		out = append(out, s)
	}
	return out, nil
}

func (m *memAlerts) Unsubscribe(_ context.Context, chat string, s Subscription) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.Index(m.subs[chat], s.Key())
	if i < 0 {
		return false, m.fail
	}
	m.subs[chat] = slices.Delete(m.subs[chat], i, i+1)
	return true, m.fail
}

func (m *memAlerts) UnsubscribeAll(_ context.Context, chat string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return 0, m.fail
	}
	n := len(m.subs[chat])
	delete(m.subs, chat)
	delete(m.lang, chat)
	return n, nil
}

// alertScenario is a conversation, then the chat's alert message for items, then lines
// pressed on that message.
type alertScenario struct {
	name  string
	chat  Chat
	lines []string
	items []AlertItem
	after []string
}

func alertScenarios() []alertScenario {
	fr := Chat{ID: "t:1", PlatformLang: "fr-FR"}
	wo := Chat{ID: "t:2", PlatformLang: "wo"}
	items := []AlertItem{{Offer: "anpej-emploi"}, {Offer: "baos-diourbel"}, {Offer: "der-fj-financement", Remind: true}}
	return []alertScenario{
		{"alerts_fr", fr, []string{"/start", "[Français]", "[🧳 Migrant de retour]", "[Diourbel]", "[Mbacké]",
			"[💼 Emploi]", "[🔔 Me prévenir]", "[➕ Autre besoin]", "[📄 Papiers, état civil]",
			"[🔔 Me prévenir]", "!a:on", "[🔔 Mes alertes]", "[❌ 📄 Papiers, état civil — Mbacké]", "/apropos"},
			items, []string{"[ℹ️ 1]", "!a:stop", "/alertes", "/oublier", "[✅ Oui, effacer]"}},
		{"alerts_wo", wo, []string{"/start", "[Wolof]", "[🧑 Ndaw]", "[Dakar]", "[💼 Liggéey]", "[🔔 Xamal ma]",
			"!a:on", "/alertes", "[❌ 💼 Liggéey — Dakar]", "/apropos"},
			nil, nil},
		{"alerts_wo_message", wo, []string{"/start", "[Wolof]", "[🧳 Ki ñibbisi]", "[Diourbel]", "[Mbacké]",
			"[💼 Liggéey]", "[🔔 Xamal ma]", "[🔔 Samay xibaar]"},
			items, []string{"[ℹ️ 2]", "!a:stop", "/alertes"}},
	}
}

func TestGoldenAlerts(t *testing.T) {
	for _, sc := range alertScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			al := newMemAlerts()
			e, st := newEngineWith(t, func(c *Config) { c.Alerts = al })
			c := &conversation{t: t, e: e, st: st, chat: sc.chat}
			fmt.Fprintf(&c.out, "# %s (langue du téléphone : %q)\n\n", sc.name, sc.chat.PlatformLang)
			for _, line := range sc.lines {
				c.say(line)
			}
			if sc.items != nil {
				msg, ok := e.AlertMessage(al.lang[sc.chat.ID], sc.items)
				if !ok {
					t.Fatal("no alert message")
				}
				c.out.WriteString("~ alerte du jour\n" + formatReply(msg) + "\n")
				checkReplies(t, "alert", []Reply{msg})
				c.last = []Reply{msg}
			}
			for _, line := range sc.after {
				c.say(line)
			}
			testutil.Golden(t, filepath.Join("testdata", sc.name+".txt"), c.out.String(), *update)
		})
	}
}

func TestAlertsStateAndForget(t *testing.T) {
	al := newMemAlerts()
	e, _ := newEngineWith(t, func(c *Config) { c.Alerts = al })
	chat := Chat{ID: "t:9", PlatformLang: "fr"}
	for _, in := range []Input{{Kind: InputCommand, Command: "start", Args: "l-fr_r-diourbel_d-mbacke_n-emploi_p-retour"},
		{Kind: InputChoice, Choice: idAlertOn}} {
		if _, err := e.Handle(context.Background(), chat, in); err != nil {
			t.Fatal(err)
		}
	}
	if got := al.subs[chat.ID]; !slices.Equal(got, []string{"emploi:d-mbacke"}) {
		t.Fatalf("subscriptions %v", got)
	}
	if al.lang[chat.ID] != "fr" {
		t.Fatalf("language %q", al.lang[chat.ID])
	}
	for _, in := range []Input{{Kind: InputCommand, Command: "oublier"}, {Kind: InputChoice, Choice: idForgetYes}} {
		if _, err := e.Handle(context.Background(), chat, in); err != nil {
			t.Fatal(err)
		}
	}
	if len(al.subs[chat.ID]) != 0 {
		t.Fatalf("/oublier left %v", al.subs[chat.ID])
	}
}

func TestAlertButtonsRefused(t *testing.T) {
	tests := []struct {
		name, id string
	}{
		{"subscribe outside a results page", idAlertOn},
		{"forged need", alertRemove + "argent:d-mbacke"},
		{"forged place", alertRemove + "emploi:d-atlantis"},
		{"no place", alertRemove + "emploi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			al := newMemAlerts()
			e, _ := newEngineWith(t, func(c *Config) { c.Alerts = al })
			chat := Chat{ID: "t:8", PlatformLang: "fr"}
			if _, err := e.Handle(context.Background(), chat, Input{Kind: InputCommand, Command: "start"}); err != nil {
				t.Fatal(err)
			}
			rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: tc.id})
			if err != nil {
				t.Fatal(err)
			}
			if len(al.subs) != 0 || len(rs) == 0 {
				t.Fatalf("subscriptions %v after %q", al.subs, tc.id)
			}
		})
	}
}

func TestAlertMessageSkipsGoneOffers(t *testing.T) {
	e, _ := newEngineWith(t, func(c *Config) { c.Alerts = newMemAlerts() })
	if _, ok := e.AlertMessage("fr", []AlertItem{{Offer: "no-such-offer"}}); ok {
		t.Fatal("a message for an offer the catalog no longer has")
	}
	msg, ok := e.AlertMessage("xx", []AlertItem{{Offer: "no-such-offer"}, {Offer: "anpej-emploi"}})
	if !ok || msg.Lang != "fr" || len(msg.Choices) != 2 || msg.Choices[0][0].ID != "a:o:anpej-emploi" || msg.Choices[1][0].ID != idAlertStop {
		t.Fatalf("message %+v", msg)
	}
}

// TestGoldenAlertReminder shows a closing reminder in both languages, with a new offer
// before it, on a catalog with application windows.
func TestGoldenAlertReminder(t *testing.T) {
	other, err := catalog.Load(filepath.Join("..", "catalog", "testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	e, _ := newEngineWith(t, func(c *Config) { c.Catalog = func() Catalog { return other }; c.Alerts = newMemAlerts() })
	var b strings.Builder
	b.WriteString("# alerts_reminder (un nouvel appel, puis un appel qui ferme bientôt)\n\n")
	items := []AlertItem{{Offer: "national-fund", Remind: true}, {Offer: "diourbel-training"}}
	for _, lang := range []string{"fr", "wo"} {
		msg, ok := e.AlertMessage(lang, items)
		if !ok {
			t.Fatalf("%s: no message", lang)
		}
		checkReplies(t, "reminder", []Reply{msg})
		b.WriteString("~ alerte du jour\n" + formatReply(msg) + "\n")
	}
	testutil.Golden(t, filepath.Join("testdata", "alerts_reminder.txt"), b.String(), *update)
}
