package flows

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/locales"
)

// wolofScenarios are Wolof conversations that, with the other transcripts, show a reviewer
// every Wolof message in context; each writes testdata/<name>.txt.
func wolofScenarios() []struct {
	name  string
	lines []string
} {
	return []struct {
		name  string
		lines []string
	}{
		{"wolof_help_search", []string{"/start", "[Wolof]", "/aide", "/xyz", "~phone +221 00", "[🧳 Ki ñibbisi]",
			"@48.85,2.35", "@14.80,-15.90", "[💼 Liggéey]", "BAOS", "[▶️ Topp]", "xyzzy plugh", "/oublier", "[❌ Déedéet]"}},
		{"wolof_no_match", []string{"/start", "[Wolof]", "[👪 Mbokku ku tukki]", "[📍 Yónnee sama barab]",
			"@14.80,-15.90", "[💼 Liggéey]", "[➕ Beneen soxla]", "[✈️ Tukki ci yoon]", "[➕ Beneen soxla]", "[📄 Këyit yi]"}},
		{"wolof_team", []string{"/start r-diourbel_d-bambey_n-parler_p-retour_l-wo", "[✉️ Bindal sunu ekib]",
			"[✅ Waaw, maa ngi bind]", "Dama bëgg liggéey.", "Ndax dingeen ma tontu ?", "~silent", "!zz:ancien",
			"~phone +221 00 000 00 00", "~staff Salaam ! Ñëwal BAOS bi altine.", "~staff /fin", "/fin"}},
	}
}

func TestWolofGoldenTranscripts(t *testing.T) {
	for _, sc := range wolofScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			e, st, _, clock := newHandoffEngine(t, true)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "tg:700000009", PlatformLang: "wo", CanLocate: true}, clock: clock}
			fmt.Fprintf(&c.out, "# %s (langue du téléphone : \"wo\", groupe de l'équipe configuré)\n\n", sc.name)
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("transcript so far:\n%s", c.out.String())
				}
			})
			for _, line := range sc.lines {
				c.say(line)
			}
			compareGolden(t, sc.name, c.out.String())
		})
	}
}

// TestWolofOfferGoneAndMenu shows what the test catalog cannot: an offer that left the
// catalog while its page was open, the nearest national offer when nothing matches, the
// command menu a Wolof chat gets, and the reply when the session store is down.
func TestWolofOfferGoneAndMenu(t *testing.T) {
	other, err := catalog.Load(filepath.Join("..", "catalog", "testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalog(t)
	e, st := newEngineWith(t, func(c *Config) { c.Catalog = func() Catalog { return cat } })
	c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:9", PlatformLang: "wo"}}
	fmt.Fprintf(&c.out, "# wolof_offer_gone (le catalogue change pendant qu'une offre est ouverte)\n\n")
	for _, line := range []string{"/start r-dakar_n-formation_p-jeune_l-wo", "[ℹ️ 1]"} {
		c.say(line)
	}
	cat = other
	fmt.Fprintf(&c.out, "> (le catalogue est rechargé sans cette offre)\n\n")
	c.say("!zz:ancien")
	c.say("/start l-wo_p-jeune_n-financement_r-dakar") // in this catalog only a national offer for returnees
	fmt.Fprintf(&c.out, "# Menu des commandes d'un chat en wolof (setMyCommands)\n\n")
	for _, cmd := range e.Commands("wo") {
		fmt.Fprintf(&c.out, "/%s — %s\n", cmd.Name, cmd.Description)
	}
	fmt.Fprintf(&c.out, "\n# Quand Redis ne répond pas\n\n")
	for _, r := range e.Unavailable(Chat{PlatformLang: "wo"}) {
		c.out.WriteString(formatReply(r))
	}
	compareGolden(t, "wolof_offer_gone", c.out.String())
}

// notInTranscripts lists the Wolof messages no transcript can show, with the reason.
func notInTranscripts() map[string]string {
	return map[string]string{
		"place_national": "fallback of the results heading when no place is known: the conversation always asks the region before showing results",
	}
}

// TestEveryWolofMessageInTranscripts checks that each Wolof message's fixed text (its
// {{.Variables}} matching anything) appears in some golden transcript, so a reviewer who
// reads the transcripts reads every message in context.
func TestEveryWolofMessageInTranscripts(t *testing.T) {
	data, err := locales.File("wo")
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]any{}
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	var missing []string
	for id, v := range raw {
		text, ok := v.(string)
		if m, isMap := v.(map[string]any); isMap {
			text, ok = m["other"].(string)
		}
		if _, excused := notInTranscripts()[id]; !ok || excused {
			continue
		}
		if !messagePattern(text).MatchString(all.String()) {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d Wolof messages appear in no transcript of testdata/ (add a scenario to golden_wolof_test.go): %s",
			len(missing), strings.Join(missing, ", "))
	}
}

// messagePattern matches a message as transcripts show it: variables match anything on
// their line, and each line of the message is indented by two spaces.
func messagePattern(text string) *regexp.Regexp {
	parts := regexp.MustCompile(`\{\{[^}]*\}\}`).Split(text, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(strings.ReplaceAll(p, "\n", "\n  "))
	}
	return regexp.MustCompile(strings.Join(parts, ".*?"))
}
