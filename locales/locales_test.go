package locales

import (
	"bufio"
	"bytes"
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

func TestWolofMarkedForReview(t *testing.T) {
	data, err := File("wo")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	prev := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		isMsg := line != "" && !strings.HasPrefix(line, "#") &&
			(strings.HasPrefix(line, "[") || (!strings.HasPrefix(line, "other") && strings.Contains(line, " = ")))
		if isMsg && !strings.Contains(prev, "à relire : locuteur natif") {
			t.Errorf("wo: %q lacks the review marker", line)
		}
		prev = line
	}
}
