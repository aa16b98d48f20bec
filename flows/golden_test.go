package flows

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/internal/testutil"
	"github.com/samayoon/samayoon/locales"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// testNow is the fixed clock of every test.
func testNow() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// testCatalog loads the fixed test catalog.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(filepath.Join("testdata", "catalog.yaml"))
	if err != nil {
		t.Fatalf("test catalog: %v", err)
	}
	return c
}

// newTestEngine builds an engine over a fresh in-memory store and the test catalog.
func newTestEngine(t testing.TB) (*Engine, *memStore) { return newEngineWith(t, nil) }

// newEngineWith is newTestEngine with its configuration adjusted by tweak (may be nil).
func newEngineWith(t testing.TB, tweak func(*Config)) (*Engine, *memStore) {
	t.Helper()
	b, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalog(t)
	st := newMemStore()
	cfg := Config{Store: st, Catalog: func() Catalog { return cat }, Bundle: b, Now: testNow,
		Logger: slog.New(failOnError{t: t, mu: &sync.Mutex{}})}
	if tweak != nil {
		tweak(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e, st
}

// conversation drives one chat from script lines and writes a readable transcript:
// "/cmd args" a command, "[label]" a button of the last replies, "!id" a raw choice id (stale,
// forged, or a button of an older message), "@lat,lon" a shared location, anything else typed text.
type conversation struct {
	t     *testing.T
	e     *Engine
	st    *memStore
	chat  Chat
	last  []Reply
	out   strings.Builder
	nextU int
	clock *time.Time // when set, "~wait D" moves it forward
}

func (c *conversation) input(line string) Input {
	c.nextU++
	id := strconv.Itoa(c.nextU)
	switch {
	case strings.HasPrefix(line, "~"):
		return c.staffInput(line[1:], id)
	case strings.HasPrefix(line, "/"):
		cmd, args, _ := strings.Cut(line[1:], " ")
		return Input{Kind: InputCommand, Command: cmd, Args: args, UpdateID: id}
	case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
		return Input{Kind: InputChoice, Choice: c.button(line[1 : len(line)-1]), UpdateID: id}
	case strings.HasPrefix(line, "!"):
		return Input{Kind: InputChoice, Choice: line[1:], UpdateID: id}
	case strings.HasPrefix(line, "@"):
		lat, lon, _ := strings.Cut(line[1:], ",")
		la, _ := strconv.ParseFloat(lat, 64)
		lo, _ := strconv.ParseFloat(lon, 64)
		return Input{Kind: InputLocation, Point: Point{Lat: la, Lon: lo}, UpdateID: id}
	}
	return Input{Kind: InputText, Text: line, UpdateID: id}
}

// button finds the id of the button labelled label in the last replies.
func (c *conversation) button(label string) string {
	for _, r := range c.last {
		for _, row := range r.Choices {
			for _, ch := range row {
				if ch.Label == label {
					return ch.ID
				}
			}
		}
	}
	c.t.Fatalf("no button %q in the last replies", label)
	return ""
}

// say sends one scripted line and records it and the replies.
func (c *conversation) say(line string) {
	c.t.Helper()
	if d, ok := strings.CutPrefix(line, "~wait "); ok {
		c.wait(d)
		fmt.Fprintf(&c.out, "> %s\n\n", line)
		return
	}
	in := c.input(line)
	replies, err := c.e.Handle(context.Background(), c.chat, in)
	if err != nil {
		c.t.Fatalf("%q: %v", line, err)
	}
	if toUser(replies) || c.last == nil {
		c.last = replies // a post for the staff alone leaves the user's screen as it was
	}
	fmt.Fprintf(&c.out, "> %s\n", line)
	for _, r := range replies {
		c.out.WriteString(formatReply(r))
	}
	c.out.WriteString("\n")
	if !strings.HasPrefix(line, "~remind") {
		checkReplies(c.t, line, replies)
	}
	checkSession(c.t, c.st.stored(c.chat.ID))
}

// formatReply renders a reply for humans: text, then buttons row by row.
func formatReply(r Reply) string {
	var b strings.Builder
	fmt.Fprintf(&b, "< (%s)", r.Lang)
	if r.LangChanged {
		b.WriteString(" (langue choisie)")
	}
	if r.Menu != "" {
		fmt.Fprintf(&b, " (menu des commandes : %s)", r.Menu)
	}
	if r.ToStaff {
		b.WriteString(" (→ groupe de l'équipe)")
	}
	if r.Thread != "" {
		fmt.Fprintf(&b, " (fil %s)", r.Thread)
	}
	if r.Waiting {
		b.WriteString(" (relance prévue)")
	}
	if r.Copy {
		b.WriteString(" (+ le média, copié)")
	}
	b.WriteString("\n")
	for _, l := range strings.Split(r.Text, "\n") {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	if r.Place != nil {
		fmt.Fprintf(&b, "  📌 %s, %s (%.4f, %.4f)\n", r.Place.Name, r.Place.Address, r.Place.Lat, r.Place.Lon)
	}
	if r.Contact != nil {
		fmt.Fprintf(&b, "  📇 %s %s\n", r.Contact.Name, r.Contact.Phone)
	}
	for _, row := range r.Choices {
		b.WriteString(" ")
		for _, ch := range row {
			fmt.Fprintf(&b, " [%s]", ch.Label)
		}
		b.WriteString("\n")
	}
	if r.AskLocation {
		fmt.Fprintf(&b, "  {%s}\n", r.LocationLabel)
	}
	if r.AskPhone {
		fmt.Fprintf(&b, "  {%s}\n", r.PhoneLabel)
	}
	return b.String()
}

// checkReplies asserts what every reply must satisfy, whatever the input.
func checkReplies(t testing.TB, line string, replies []Reply) {
	t.Helper()
	if len(replies) == 0 {
		t.Errorf("%q: no reply", line)
	}
	for _, r := range replies {
		n := utf8.RuneCountInString(r.Text)
		if r.Text == "" || n > maxDetails || isResultsPage(r) && n >= 1500 {
			t.Errorf("%q: reply of %d characters", line, n)
		}
		if isQuestion(r) && n >= 300 {
			t.Errorf("%q: question of %d characters: %q", line, n, r.Text)
		}
		if r.Lang != "fr" && r.Lang != "wo" {
			t.Errorf("%q: reply language %q", line, r.Lang)
		}
		if r.AskLocation && r.LocationLabel == "" {
			t.Errorf("%q: location asked without a label", line)
		}
		for _, row := range r.Choices {
			for _, ch := range row {
				if len(ch.ID) == 0 || len(ch.ID) > MaxChoiceIDLen || !isASCII(ch.ID) || ch.Label == "" {
					t.Errorf("%q: bad choice %+v", line, ch)
				}
			}
		}
	}
}

// isResultsPage reports whether a reply lists offers (results or search hits).
func isResultsPage(r Reply) bool {
	return len(r.Choices) > 0 && strings.HasPrefix(r.Choices[0][0].ID, "o:")
}

// isQuestion reports whether a reply asks a question: it ends with the back/start-again row
// or is the language or forget question; an offer's page with its feedback or handoff
// buttons is not.
func isQuestion(r Reply) bool {
	if len(r.Choices) == 0 || r.Place != nil || hasFeedback(r) || r.Choices[0][0].ID == idHandoff {
		return false
	}
	row := r.Choices[len(r.Choices)-1]
	return row[0].ID == idBack && len(r.Choices) > 1 || row[0].ID == "l:fr" || row[0].ID == idForgetYes
}

// hasFeedback reports whether a reply carries the "was this useful?" buttons.
func hasFeedback(r Reply) bool {
	for _, row := range r.Choices {
		if row[0].ID == idUseful {
			return true
		}
	}
	return false
}

// isASCII reports whether s is printable ASCII without spaces.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// checkSession round-trips the stored session through JSON and checks it is valid and small.
func checkSession(t testing.TB, data []byte) {
	t.Helper()
	if data == nil {
		return
	}
	s, ok := decodeSession(newGeo(), data)
	if !ok {
		t.Fatalf("stored session is invalid: %s", data)
	}
	again, err := encodeSession(s)
	if err != nil || string(again) != string(data) {
		t.Fatalf("session does not round-trip: %s vs %s (%v)", data, again, err)
	}
	if len(data) > 150 {
		t.Errorf("session of %d bytes: %s", len(data), data)
	}
}

// scenarios are the golden conversations; each writes testdata/<name>.txt.
func scenarios() []struct {
	name  string
	chat  Chat
	lines []string
} {
	fr := Chat{ID: "t:1", PlatformLang: "fr-FR", CanLocate: true}
	wo := Chat{ID: "t:2", PlatformLang: "wo"}
	other := Chat{ID: "t:3", PlatformLang: "en"}
	return []struct {
		name  string
		chat  Chat
		lines []string
	}{
		{"journey_fr", fr, []string{"/start", "[Français]", "[🧳 Migrant de retour]", "[Diourbel]", "[Mbacké]",
			"[💼 Emploi]", "[ℹ️ 1]", "[⬅️ Retour]", "[➕ Autre besoin]", "[✈️ Migration sûre et légale]", "[📖 Partir légalement : comment ça marche]",
			"[⬅️ Retour]"}},
		{"journey_wo", wo, []string{"/start", "[Wolof]", "[🧑 Ndaw]", "[Dakar]", "[🎓 Tàggat]", "[ℹ️ 1]",
			"[⬅️ Dellu]", "[🔄 Tàmbaleeti]", "/apropos", "!r:dakar"}},
		{"deep_link", other, []string{"/start l-wo_r-diourbel_d-mbacke_n-emploi_s-affiche1", "[🧳 Ki ñibbisi]",
			"/start r-atlantis_zz_n-EMPLOI_p-", "[Français]"}},
		{"back_restart", fr, []string{"/start", "[Français]", "[🧑 Jeune]", "[Diourbel]", "[⬅️ Retour]",
			"[⬅️ Retour]", "[⬅️ Retour]", "[Français]", "[⬅️ Retour]", "[⬅️ Retour]", "[👪 Famille de migrant]",
			"[Bambey]", "[🔄 Recommencer]", "/recommencer"}},
		{"language_switch", fr, []string{"/start", "[Français]", "[🧑 Jeune]", "/langue", "[Wolof]", "[📍 Yónnee sama barab]", "!r:thies",
			"/language", "[Français]"}},
		{"free_text", fr, []string{"/start", "francais", "JEUNE", "j'habite à Touba", "formation professionnelle",
			"[ℹ️ 1]", "[⬅️ Retour]", "xyzzy plugh", "emploi"}},
		{"sentences_fr", fr, []string{"/start", "[Français]", "je cherche du travail à Touba", "[👤 Préciser qui je suis]",
			"[🧳 Migrant de retour]", "formation à Bambey", "[📍 Autre lieu]", "[Diourbel]", "acte de naissance ci Mbacké",
			"/recommencer", "je suis rentré d'Espagne", "pas de boulot à diourbel", "Diourbel ville", "ANPEJ"}},
		{"sentences_wo", wo, []string{"/start", "[Wolof]", "dama bëgg liggéey ci Touba", "[👤 Wax ma kan nga]", "[🧑 Ndaw]",
			"kayitu juddu ci Bàmbey", "dama bëgg tukki ci yoon", "[📍 Beneen barab]", "maa ngi dëkk Ndar", "/recommencer",
			"dama beug liguey", "ci mbakke"}},
		{"sentence_first_fr", fr, []string{"/start", "je cherche du travail à Touba", "[Français]"}},
		{"sentence_first_wo", wo, []string{"/start", "dama bëgg liggéey ci Touba", "[Wolof]", "[👤 Wax ma kan nga]"}},
		{"stale_choice", fr, []string{"/start", "!p:retour", "[Français]", "!r:dakar", "!o:plus-la",
			"!n:<script>", "[💼 Professionnel / autre]", "/inconnue", "/aide", "/apropos"}},
		{"forget", fr, []string{"/start", "[Français]", "[🧑 Jeune]", "/oublier", "[❌ Non]", "/forget",
			"[✅ Oui, effacer]", "[🔄 Recommencer]"}},
		{"menu", wo, []string{"/start", "[Wolof]", "/start", "[Wolof]", "/start", "[Français]", "/langue", "[Wolof]",
			"/oublier", "!forget:yes", "/start", "[Français]"}},
		{"location_no_match", fr, []string{"/start", "[Français]", "[👪 Famille de migrant]", "[📍 Partager ma position]",
			"@14.80,-15.90", "[💼 Emploi]", "[ℹ️ 1]", "[⬅️ Retour]", "[➕ Autre besoin]", "[📄 Papiers, état civil]"}},
	}
}

func TestGoldenTranscripts(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			c := &conversation{t: t, e: e, st: st, chat: sc.chat}
			fmt.Fprintf(&c.out, "# %s (langue du téléphone : %q)\n\n", sc.name, sc.chat.PlatformLang)
			for _, line := range sc.lines {
				c.say(line)
			}
			testutil.Golden(t, filepath.Join("testdata", sc.name+".txt"), c.out.String(), *update)
		})
	}
}

// toUser reports whether any reply is for the user rather than the staff group.
func toUser(replies []Reply) bool {
	for _, r := range replies {
		if !r.ToStaff {
			return true
		}
	}
	return false
}
