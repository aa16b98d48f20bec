package flows

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// put stores a session for chat "t:x" and returns the chat.
func put(t *testing.T, st *memStore, s session) Chat {
	t.Helper()
	s.Version = schemaVersion
	data, err := encodeSession(s)
	if err != nil {
		t.Fatal(err)
	}
	st.data["t:x"], st.rev["t:x"] = data, 1
	return Chat{ID: "t:x", PlatformLang: "fr"}
}

// state reads back the stored session of chat "t:x".
func state(t *testing.T, st *memStore) session {
	t.Helper()
	s, ok := decodeSession(newGeo(), st.stored("t:x"))
	if !ok {
		t.Fatalf("invalid stored session %s", st.stored("t:x"))
	}
	return s
}

func TestCommands(t *testing.T) {
	answered := session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}
	cases := []struct {
		name, cmd, args string
		want            string // state after
		text            string // substring of the first reply
		keepsAnswers    bool
	}{
		{"start asks language", "start", "", stLang, "Bonjour", false},
		{"aide", "aide", "", stNeed, "Commandes", true},
		{"help alias", "help", "", stNeed, "Commandes", true},
		{"langue", "langue", "", stLang, "Choisissez", true},
		{"language alias", "language", "", stLang, "Choisissez", true},
		{"recommencer keeps language", "recommencer", "", stProfile, "Qui êtes-vous", false},
		{"restart alias", "restart", "", stProfile, "Qui êtes-vous", false},
		{"oublier asks first", "oublier", "", stForget, "Effacer", true},
		{"forget alias", "forget", "", stForget, "Effacer", true},
		{"apropos", "apropos", "", stNeed, "30 jours", true},
		{"privacy alias", "privacy", "", stNeed, "30 jours", true},
		{"unknown", "xyz", "", stNeed, "/aide", true},
		{"upper case", "AIDE", "", stNeed, "Commandes", true},
		{"start deep link", "start", "l-fr_p-retour_r-dakar_n-emploi", stResults, "Bonjour", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, answered)
			rs, err := e.Handle(context.Background(), chat, Input{Kind: InputCommand, Command: tc.cmd, Args: tc.args})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rs[0].Text, tc.text) {
				t.Errorf("first reply %q lacks %q", rs[0].Text, tc.text)
			}
			got := state(t, st)
			if got.State != tc.want {
				t.Errorf("state %q, want %q", got.State, tc.want)
			}
			if kept := got.Profile == answered.Profile && got.Region == answered.Region; kept != tc.keepsAnswers {
				t.Errorf("answers kept = %v, want %v (%+v)", kept, tc.keepsAnswers, got)
			}
		})
	}
}

func TestForgetDeletes(t *testing.T) {
	e, st := newTestEngine(t)
	chat := put(t, st, session{State: stForget, Lang: "wo", Profile: "jeune"})
	rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: idForgetYes})
	if err != nil {
		t.Fatal(err)
	}
	if st.stored("t:x") != nil {
		t.Errorf("session still stored: %s", st.stored("t:x"))
	}
	if len(rs) != 1 || rs[0].Lang != "wo" || !strings.Contains(rs[0].Text, "Far naa ko") {
		t.Errorf("replies %+v", rs)
	}
}

func TestParseDeepLink(t *testing.T) {
	cases := []struct {
		name, payload string
		want          deepLink
	}{
		{"empty", "", deepLink{}},
		{"full", "l-wo_p-retour_r-diourbel_d-mbacke_n-emploi_s-poster7",
			deepLink{Lang: "wo", Profile: "retour", Region: "diourbel", Dept: "mbacke", Need: "emploi", Source: "poster7"}},
		{"any order", "n-sante_l-fr", deepLink{Lang: "fr", Need: "sante"}},
		{"department implies region", "d-mbacke", deepLink{Region: "diourbel", Dept: "mbacke"}},
		{"department of another region dropped", "r-dakar_d-mbacke", deepLink{Region: "dakar"}},
		{"unknown values ignored", "l-en_p-roi_r-atlantis_n-or", deepLink{}},
		{"garbage pieces ignored", "__-_x_l-_r-dakar-", deepLink{}},
		{"upper case values", "R-DAKAR_n-EMPLOI", deepLink{Need: "emploi"}},
		{"too long ignored", "l-fr_" + strings.Repeat("x", 64), deepLink{}},
		{"source charset", "s-a.b", deepLink{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseDeepLink(newGeo(), tc.payload); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestStaleChoices(t *testing.T) {
	cases := []struct {
		name string
		s    session
		id   string
	}{
		{"region id at profile", session{State: stProfile, Lang: "fr"}, "r:dakar"},
		{"unknown region", session{State: stRegion, Lang: "fr", Profile: "jeune"}, "r:atlantis"},
		{"department of another region", session{State: stDept, Lang: "fr", Profile: "jeune", Region: "diourbel"}, "d:pikine"},
		{"offer gone", session{State: stResults, Lang: "fr", Profile: "jeune", Region: "dakar", Need: "emploi"}, "o:nope"},
		{"page at need", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}, "i:voies-legales"},
		{"offer at forget", session{State: stForget, Lang: "fr"}, "o:anpej-emploi"},
		{"empty", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}, ""},
		{"too long", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}, "n:" + strings.Repeat("e", 100)},
		{"binary", session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}, "n:\x00\xff"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, tc.s)
			rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: tc.id})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 || !strings.HasPrefix(rs[0].Text, "Ce bouton n'est plus valable") || rs[0].Choices == nil {
				t.Fatalf("want one message: the stale hint, then the question with its buttons; got %+v", rs)
			}
			if got := state(t, st); got.State != tc.s.State || got.Need != tc.s.Need || got.Region != tc.s.Region {
				t.Errorf("session moved: %+v", got)
			}
		})
	}
}

func TestDecodeSession(t *testing.T) {
	cases := []struct {
		name string
		data string
		ok   bool
	}{
		{"none", "", true},
		{"valid", `{"v":1,"s":"need","l":"wo","p":"retour","r":"diourbel","d":"mbacke","t":1764000000}`, true},
		{"corrupt", `{"v":1,"s":`, false},
		{"future schema", `{"v":2,"s":"need"}`, false},
		{"old schema", `{"s":"need"}`, false},
		{"invalid state", `{"v":1,"s":"hacked"}`, false},
		{"invalid language", `{"v":1,"s":"need","l":"en"}`, false},
		{"department outside region", `{"v":1,"s":"need","r":"dakar","d":"mbacke"}`, false},
		{"point out of range", `{"v":1,"s":"need","g":[200,0]}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := decodeSession(newGeo(), []byte(tc.data)); ok != tc.ok {
				t.Errorf("ok = %v, want %v", ok, tc.ok)
			}
		})
	}
}

func TestUnreadableSessionRestartsPolitely(t *testing.T) {
	e, st := newTestEngine(t)
	st.data["t:x"], st.rev["t:x"] = []byte(`{"v":99,"s":"elsewhere"}`), 4
	rs, err := e.Handle(context.Background(), Chat{ID: "t:x"}, Input{Kind: InputChoice, Choice: "n:emploi"})
	if err != nil {
		t.Fatal(err)
	}
	if got := state(t, st); got.State != stLang || len(rs) != 1 || rs[0].Choices == nil {
		t.Errorf("state %q, replies %+v: want the greeting and the language question in one message", got.State, rs)
	}
}

func TestStoreFailures(t *testing.T) {
	down := errors.New("redis: connection refused")
	cases := []struct {
		name      string
		conflicts int
		fail      error
		updateID  string
		seen      bool
		want      error // nil: success
	}{
		{"conflicts then success", 3, nil, "u1", false, nil},
		{"too many conflicts", 50, nil, "u1", false, ErrConflict},
		{"duplicate update", 0, nil, "u1", true, ErrDuplicate},
		{"store down", 0, down, "u1", false, down},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			st.conflicts, st.fail = tc.conflicts, tc.fail
			if tc.seen {
				st.seen["t:x/"+tc.updateID] = true
			}
			rs, err := e.Handle(context.Background(), Chat{ID: "t:x"}, Input{Kind: InputCommand, Command: "start", UpdateID: tc.updateID})
			if tc.want == nil {
				if err != nil || len(rs) == 0 || st.saves != 1 {
					t.Fatalf("err %v, %d replies, %d saves", err, len(rs), st.saves)
				}
				return
			}
			if !errors.Is(err, tc.want) || rs != nil {
				t.Errorf("err %v, replies %v; want %v and none", err, rs, tc.want)
			}
		})
	}
}

func TestUnavailableAndCommandList(t *testing.T) {
	e, _ := newTestEngine(t)
	cases := []struct{ platform, want, cmd string }{
		{"wo-SN", "wo", "Soppi làkk"}, {"fr", "fr", "Changer de langue"}, {"", "fr", "Changer de langue"}, {"en-US", "fr", "Changer de langue"},
	}
	for _, tc := range cases {
		t.Run(tc.platform, func(t *testing.T) {
			rs := e.Unavailable(Chat{PlatformLang: tc.platform})
			if len(rs) != 1 || rs[0].Lang != tc.want || rs[0].Text == "" || len(rs[0].Text) > 300 {
				t.Errorf("Unavailable: %+v", rs)
			}
			ns := e.OutageNotice(Chat{PlatformLang: tc.platform})
			if len(ns) != 1 || ns[0].Lang != tc.want || ns[0].Text == "" || ns[0].Text == rs[0].Text || len(ns[0].Text) > 120 {
				t.Errorf("OutageNotice: %+v", ns)
			}
			cmds := e.Commands(tc.platform)
			if len(cmds) != 6 || cmds[2].Name != "langue" || cmds[2].Description != tc.cmd {
				t.Errorf("Commands: %+v", cmds)
			}
		})
	}
}

func TestLabelMatchIgnoresCaseAndAccents(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"THIES", "thies"}, {"thiès", "thies"}, {"  Sedhiou ", "sedhiou"}, {"kedougou", "kedougou"},
		{"Saint Louis", "saint-louis"},
	}
	for _, tc := range cases {
		t.Run(tc.typed, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, session{State: stRegion, Lang: "wo", Profile: "jeune"})
			if _, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: tc.typed}); err != nil {
				t.Fatal(err)
			}
			if got := state(t, st); got.Region != tc.want || got.State != stNeed {
				t.Errorf("session %+v", got)
			}
		})
	}
}

func TestSessionStaysSmall(t *testing.T) {
	s := session{Version: schemaVersion, State: stDetails, Lang: "wo", Profile: "famille", Region: "saint-louis", Department: "saint-louis",
		Need: "financement", Offer: strings.Repeat("o", 40), Point: roundPoint(-14.123456, -17.987654), Updated: 1764000000}
	data, err := encodeSession(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 192 { // worst case before the store compresses it
		t.Errorf("largest session is %d bytes: %s", len(data), data)
	}
	if back, ok := decodeSession(newGeo(), data); !ok || back.Point[0] != -14.12 || back.Point[1] != -17.99 {
		t.Errorf("round trip: %+v %v", back, ok)
	}
}

func TestLocationAnywhereIsSafe(t *testing.T) {
	points := []Point{{Lat: 14.69, Lon: -17.44}, {Lat: 91, Lon: 0}, {Lat: 48.85, Lon: 2.35}}
	for _, p := range points {
		e, st := newTestEngine(t)
		chat := put(t, st, session{State: stProfile, Lang: "fr"})
		rs, err := e.Handle(context.Background(), chat, Input{Kind: InputLocation, Point: p})
		if err != nil || len(rs) == 0 {
			t.Fatalf("%v: %v %v", p, err, rs)
		}
	}
}

func TestLocationFarAway(t *testing.T) {
	cases := []struct {
		name   string
		p      Point
		region string
	}{
		{"touba", Point{Lat: 14.86, Lon: -15.88}, "diourbel"},
		{"paris", Point{Lat: 48.85, Lon: 2.35}, ""},
		{"null island", Point{}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, session{State: stRegion, Lang: "fr", Profile: "retour"})
			if _, err := e.Handle(context.Background(), chat, Input{Kind: InputLocation, Point: tc.p}); err != nil {
				t.Fatal(err)
			}
			if got := state(t, st); got.Region != tc.region || (tc.region == "") != (got.State == stRegion) {
				t.Errorf("session %+v", got)
			}
		})
	}
}

func TestConcurrentUpdates(t *testing.T) {
	e, st := newTestEngine(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := Chat{ID: "t:c" + strconv.Itoa(i%2), PlatformLang: "wo"}
			for j, line := range []Input{{Kind: InputCommand, Command: "start"}, {Kind: InputChoice, Choice: "l:wo"}, {Kind: InputText, Text: "ndaw"}} {
				line.UpdateID = strconv.Itoa(i*10 + j)
				if _, err := e.Handle(context.Background(), chat, line); err != nil && !errors.Is(err, ErrConflict) {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	for _, id := range []string{"t:c0", "t:c1"} {
		checkSession(t, st.stored(id))
	}
}

func TestTypedLabelsPreferAnswers(t *testing.T) {
	cases := []struct {
		name, typed, state, wantState, wantProfile string
	}{
		{"answer label", "Migrant de retour", stProfile, stRegion, "retour"},
		{"wolof label in french chat", "ndaw", stProfile, stRegion, "jeune"},
		{"back label", "⬅️ Retour", stProfile, stLang, ""},
		{"back word", "dellu", stProfile, stLang, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, session{State: tc.state, Lang: "fr"})
			if _, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: tc.typed}); err != nil {
				t.Fatal(err)
			}
			if got := state(t, st); got.State != tc.wantState || got.Profile != tc.wantProfile {
				t.Errorf("session %+v", got)
			}
		})
	}
}

// panicky is a catalog whose every method panics, standing in for a bug.
type panicky struct{ Catalog }

func TestPanicBecomesError(t *testing.T) {
	e, st := newTestEngine(t)
	e.log = slog.New(slog.NewTextHandler(io.Discard, nil)) // the panic is logged on purpose
	e.cfg.Catalog = func() Catalog { return panicky{} }
	chat := put(t, st, session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"})
	rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: "n:emploi"})
	if err == nil || rs != nil {
		t.Fatalf("want an error and no replies, got %v %v", rs, err)
	}
	if got := state(t, st); got.State != stNeed {
		t.Errorf("session changed: %+v", got)
	}
}

// TestTextVarCachesWithinBound: cached one-variable messages read the same as rendered ones,
// in both languages, and the cache stops growing at maxOneVar.
func TestTextVarCachesWithinBound(t *testing.T) {
	e, _ := newTestEngine(t)
	for i := range maxOneVar + 100 {
		for _, lang := range []string{"fr", "wo"} {
			n := strconv.Itoa(i)
			want := e.text(lang, "choice_details", map[string]any{"N": i})
			for range 2 { // rendered, then from the cache (or rendered again past the bound)
				if got := e.textVar(lang, "choice_details", "N", n); got != want {
					t.Fatalf("%s %d: %q, want %q", lang, i, got, want)
				}
			}
		}
	}
	stored := 0
	e.oneVar.Range(func(any, any) bool { stored++; return true })
	if stored != maxOneVar || int(e.oneVars.Load()) != maxOneVar {
		t.Errorf("%d stored, counted %d; want %d", stored, e.oneVars.Load(), maxOneVar)
	}
}

// TestMenusStayAsBuilt: the shared menu rows hold every menu question (2 languages × 6 menus
// and 14 department lists) and no turn changes them: after the golden conversations they
// still equal freshly built ones.
func TestMenusStayAsBuilt(t *testing.T) {
	e, st := newTestEngine(t)
	if want := 2 * (6 + len(e.geo.regions)); len(e.menus) != want {
		t.Errorf("%d menus, want %d", len(e.menus), want)
	}
	for _, sc := range scenarios() {
		sc.chat.ID += "/" + sc.name // one chat per conversation: update ids restart at each
		c := &conversation{t: t, e: e, st: st, chat: sc.chat}
		for _, line := range sc.lines {
			c.say(line)
		}
	}
	for k, got := range e.menus {
		tr := &turn{e: e, s: session{State: k.state, Region: k.region}, chat: Chat{CanLocate: k.locate}}
		want, _ := tr.buildMenu(k.lang)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v changed:\n%v\nwant\n%v", k, got, want)
		}
	}
}

// TestCurrentShowsTheQuestionWithoutSaving: Current renders the state the session is in,
// in its language, and neither saves nor counts as a handled update.
func TestCurrentShowsTheQuestionWithoutSaving(t *testing.T) {
	e, st := newTestEngine(t)
	chat := put(t, st, session{State: stRegion, Lang: "wo", Profile: "jeune"})
	before := st.rev["t:x"]
	rs, err := e.Current(context.Background(), chat)
	if err != nil || len(rs) != 1 || rs[0].Lang != "wo" || len(rs[0].Choices) == 0 {
		t.Fatalf("Current = %+v, %v; want the Wolof region question with its buttons", rs, err)
	}
	asked, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: "~stale", UpdateID: "u1"})
	if err != nil || len(asked) == 0 || !strings.HasSuffix(asked[len(asked)-1].Text, rs[0].Text) ||
		len(asked[len(asked)-1].Choices) != len(rs[0].Choices) {
		t.Errorf("Current %q differs from the question a stale press re-asks: %+v, %v", rs[0].Text, asked, err)
	}
	if st.rev["t:x"] == before {
		t.Fatal("the stale press should have saved (the check that Current did not)")
	}
	st.rev["t:x"] = before
	if _, err := e.Current(context.Background(), chat); err != nil || st.rev["t:x"] != before {
		t.Errorf("Current saved the session (rev %d, want %d): %v", st.rev["t:x"], before, err)
	}
}
