package locales

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

var varPattern = regexp.MustCompile(`\{\{\s*\.(\w+)`)

// message is one message id's template variables and whether it has plural forms.
type message struct {
	vars   []string
	plural bool
}

// messages returns each message id of a file with the template variables it uses.
func messages(t *testing.T, lang string) map[string]message {
	t.Helper()
	data, err := File(lang)
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]any{}
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]message{}
	for id, v := range raw {
		seen := map[string]bool{}
		collect := func(s string) {
			for _, m := range varPattern.FindAllStringSubmatch(s, -1) {
				seen[m[1]] = true
			}
		}
		plural := false
		switch x := v.(type) {
		case string:
			collect(x)
		case map[string]any:
			plural = true
			for _, form := range x {
				if s, ok := form.(string); ok {
					collect(s)
				}
			}
		}
		vars := []string{}
		for k := range seen {
			vars = append(vars, k)
		}
		sort.Strings(vars)
		out[id] = message{vars: vars, plural: plural}
	}
	return out
}

func TestSameIDsAndVariables(t *testing.T) {
	fr, wo := messages(t, "fr"), messages(t, "wo")
	if len(fr) < 50 {
		t.Fatalf("fr has only %d messages", len(fr))
	}
	for id, vars := range fr {
		w, ok := wo[id]
		if !ok && staffOnly(id) {
			continue
		}
		if !ok {
			t.Errorf("%s: missing in wo", id)
			continue
		}
		if strings.Join(vars.vars, ",") != strings.Join(w.vars, ",") || vars.plural != w.plural {
			t.Errorf("%s: fr uses %v (plural %v), wo uses %v (plural %v)", id, vars.vars, vars.plural, w.vars, w.plural)
		}
	}
	for id := range wo {
		if _, ok := fr[id]; !ok {
			t.Errorf("%s: missing in fr", id)
		}
	}
}

func TestEveryMessageRenders(t *testing.T) {
	b, err := NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		loc := i18n.NewLocalizer(b, lang)
		for id, m := range messages(t, lang) {
			for _, n := range []int{0, 1, 2, 1000} {
				data := map[string]any{"Count": n}
				for _, v := range m.vars {
					if v != "Count" {
						data[v] = "X"
					}
				}
				cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
				if m.plural {
					cfg.PluralCount = n
				}
				s, err := loc.Localize(cfg)
				if err != nil {
					t.Errorf("%s/%s count %d: %v", lang, id, n, err)
				}
				if strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") {
					t.Errorf("%s/%s count %d: rendered %q", lang, id, n, s)
				}
			}
		}
	}
}

// staffOnly reports a message posted only in the staff group: the staff side of the bot is
// French (flows posts staff_* in French whatever the user's language), so it has no Wolof.
func staffOnly(id string) bool { return strings.HasPrefix(id, "staff_") }

// TestStaffMessagesFrenchOnly checks that every staff_* message is in fr.toml and none is in
// wo.toml, where it would be dead text for translators and reviewers.
func TestStaffMessagesFrenchOnly(t *testing.T) {
	fr, wo := messages(t, "fr"), messages(t, "wo")
	for _, id := range []string{"staff_problem", "staff_request", "staff_message", "staff_phone", "staff_closed_user",
		"staff_closed_staff", "staff_gone", "staff_text_only", "staff_remind"} {
		if _, ok := fr[id]; !ok {
			t.Errorf("fr.toml lacks %s, which flows posts to the staff group", id)
		}
	}
	for id := range wo {
		if staffOnly(id) {
			t.Errorf("wo.toml has %s: staff messages are posted in French only; remove it", id)
		}
	}
}
