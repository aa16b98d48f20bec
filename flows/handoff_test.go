package flows

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// staffInput reads a scripted staff-side line: "staff TEXT" (a reply to the thread's post),
// "staff /fin", "remind" (the channel's reminder timer), "phone NUMBER", "silent" (a sticker),
// "media KIND" (the user sends a voice note, photo or document), "staffmedia KIND" (a staff
// member replies with one).
func (c *conversation) staffInput(line, id string) Input {
	thread := c.openThread()
	verb, rest, _ := strings.Cut(line, " ")
	switch verb {
	case "staff":
		if cmd, ok := strings.CutPrefix(rest, "/"); ok {
			return Input{Kind: InputStaff, Thread: thread, Command: cmd, UpdateID: id}
		}
		return Input{Kind: InputStaff, Thread: thread, Text: rest, UpdateID: id}
	case "remind":
		return Input{Kind: InputRemind, Thread: thread}
	case "phone":
		return Input{Kind: InputPhone, Phone: rest, UpdateID: id}
	case "silent":
		return Input{Kind: InputText, UpdateID: id}
	case "media":
		return Input{Kind: InputMedia, Media: rest, UpdateID: id}
	case "staffmedia":
		return Input{Kind: InputStaff, Thread: thread, Media: rest, UpdateID: id}
	}
	c.t.Fatalf("unknown scripted line ~%s", line)
	return Input{}
}

// openThread is the thread of the chat's stored session, or the last one seen (so staff can
// still write to a closed thread).
func (c *conversation) openThread() string {
	if data := c.st.stored(c.chat.ID); data != nil {
		if s, ok := decodeSession(newGeo(), data); ok && s.Thread != "" {
			return s.Thread
		}
	}
	for _, r := range c.last {
		if r.Thread != "" {
			return r.Thread
		}
	}
	return "ZZZZZZ"
}

// wait moves the conversation's clock forward by a duration such as "35m".
func (c *conversation) wait(d string) {
	dur, err := time.ParseDuration(d)
	if err != nil || c.clock == nil {
		c.t.Fatalf("~wait %s: %v (clock set: %v)", d, err, c.clock != nil)
	}
	*c.clock = c.clock.Add(dur)
}

// newHandoffEngine is an engine with a staff group and a clock the conversation moves.
func newHandoffEngine(t *testing.T, staff bool) (*Engine, *memStore, *countingRecorder, *time.Time) {
	t.Helper()
	now := testNow() // moved by "~wait" between turns; Handle runs on the test's goroutine
	rec := &countingRecorder{}
	e, st := newEngineWith(t, func(c *Config) {
		c.Now = func() time.Time { return now }
		c.Recorder, c.Staff, c.Operator = rec, staff, "BAOS Diourbel"
	})
	return e, st, rec, &now
}

func TestHandoffTranscripts(t *testing.T) {
	cases := []struct {
		name  string
		chat  Chat
		lines []string
		want  []string
	}{
		{"handoff_fr", Chat{ID: "tg:700000001", PlatformLang: "fr"}, []string{
			"/start r-diourbel_d-mbacke_n-parler_p-retour_l-fr", "[✉️ Écrire à notre équipe]", "[Non, merci]",
			"[✉️ Écrire à notre équipe]", "[✅ Oui, j'écris mon message]", "~silent",
			"Bonjour, je suis rentré d'Espagne et je cherche du travail à Mbacké.",
			"~wait 35m", "~remind", "~staff Bonjour ! Passez au BAOS de Diourbel mardi matin.", "~wait 35m", "~remind",
			"Merci. À quelle heure ?", "~phone +221 00 000 00 00", "!o:exemple-mbacke-emploi", "~staff /fin",
			"~staff Vous êtes là ?", "/fin"},
			[]string{"handoff:requested=1", "handoff:answered=1", "handoff:first_answer:lt1h=1", "handoff:closed=1"}},
		{"handoff_wo", Chat{ID: "tg:700000002", PlatformLang: "wo"}, []string{
			"/start r-diourbel_n-parler_p-jeune_l-wo", "[Bambey]", "[✉️ Bindal sunu ekib]", "[✅ Waaw, maa ngi bind]",
			"Dama bëgg tàggatu ci mekanig.", "~wait 30m", "~remind", "~wait 30m", "~remind", "~wait 30m", "~remind",
			"~wait 30m", "~remind", "[🔚 Jeexal waxtaan wi]", "~staff Salaam !"},
			[]string{"handoff:requested=1", "handoff:closed=1"}},
		{"handoff_leave", Chat{ID: "tg:700000003", PlatformLang: "fr"}, []string{
			"/start r-dakar_n-parler_p-famille_l-fr", "[✉️ Écrire à notre équipe]", "[✅ Oui, j'écris mon message]",
			"/fin", "[✉️ Écrire à notre équipe]", "[✅ Oui, j'écris mon message]", "Mon fils est parti en pirogue.",
			"/aide", "/oublier", "~staff Bonjour, nous pouvons vous aider."},
			[]string{"handoff:requested=1", "handoff:closed=1"}},
		{"handoff_media_fr", Chat{ID: "tg:700000004", PlatformLang: "fr"}, []string{
			"/start r-diourbel_d-mbacke_n-emploi_p-retour_l-fr", "~media voice", "[💬 Parler à quelqu'un]",
			"[✉️ Écrire à notre équipe]", "[✅ Oui, j'écris mon message]", "~media voice", "~media photo",
			"~staffmedia voice", "~staff Voici le formulaire.", "~staffmedia document", "~media sticker"},
			[]string{"handoff:requested=1", "handoff:answered=1", "handoff:first_answer:lt15m=1"}},
		{"handoff_media_wo", Chat{ID: "tg:700000005", PlatformLang: "wo"}, []string{
			"/start r-dakar_n-parler_p-jeune_l-wo", "~media photo", "[✉️ Bindal sunu ekib]", "[✅ Waaw, maa ngi bind]",
			"Salaam, dama bëgg liggéey.", "~media document", "~staffmedia photo"},
			[]string{"handoff:requested=1", "handoff:answered=1", "handoff:first_answer:lt15m=1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, rec, clock := newHandoffEngine(t, true)
			c := &conversation{t: t, e: e, st: st, chat: tc.chat, clock: clock}
			fmt.Fprintf(&c.out, "# %s (langue du téléphone : %q, groupe de l'équipe configuré)\n\n", tc.name, tc.chat.PlatformLang)
			for _, line := range tc.lines {
				c.say(line)
			}
			checkCounters(t, rec, tc.want)
			if strings.Contains(c.out.String(), "700000") {
				t.Errorf("a reply carries the chat id")
			}
			compareGolden(t, tc.name, c.out.String())
		})
	}
}

func TestHandoffOnlyWithAStaffGroup(t *testing.T) {
	e, st, _, clock := newHandoffEngine(t, false)
	c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:x", PlatformLang: "fr"}, clock: clock}
	c.say("/start r-dakar_n-parler_p-retour_l-fr")
	for _, r := range c.last {
		if strings.Contains(r.Text, "notre équipe") {
			t.Errorf("the talk page offers the staff without a staff group: %q", r.Text)
		}
	}
	c.say("!h:ask")
	if s := state(t, st); s.State != stResults {
		t.Errorf("a forged handoff button moved the chat to %q", s.State)
	}
}

// TestMediaOutsideAHandoff: a voice note, photo or document gets a polite hint and the
// current question; the way to a person is named only when a staff group exists; nothing
// is passed on or copied.
func TestMediaOutsideAHandoff(t *testing.T) {
	for _, staff := range []bool{true, false} {
		t.Run(fmt.Sprintf("staff group %v", staff), func(t *testing.T) {
			e, st, _, clock := newHandoffEngine(t, staff)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:m", PlatformLang: "fr"}, clock: clock}
			c.say("/start r-dakar_n-emploi_p-retour_l-fr")
			c.say("~media voice")
			last := c.last[len(c.last)-1]
			if !strings.Contains(c.last[0].Text, "écouter les messages vocaux") || len(last.Choices) == 0 {
				t.Fatalf("replies %+v: want the hint and the question's buttons", c.last)
			}
			if named := strings.Contains(c.last[0].Text, "« ✉️ Écrire à notre équipe »"); named != staff {
				t.Errorf("the way to the team named = %v with a staff group %v: %q", named, staff, c.last[0].Text)
			}
			for _, r := range c.last {
				if r.ToStaff || r.Copy {
					t.Errorf("media outside a handoff was passed on: %+v", r)
				}
			}
		})
	}
}

func TestStaffPostsLeaveOtherChatsAlone(t *testing.T) {
	cases := []struct {
		name string
		in   Input
		want string // text of the single staff note, "" for none
	}{
		{"reply to a chat that never talked", Input{Kind: InputStaff, Thread: "ABCDEF", Text: "Bonjour"}, "n'est plus ouverte"},
		{"staff /fin of a chat without thread", Input{Kind: InputStaff, Thread: "ABCDEF", Command: "fin"}, "n'est plus ouverte"},
		{"reminder of an unknown thread", Input{Kind: InputRemind, Thread: "ABCDEF"}, ""},
		{"reminder without a thread", Input{Kind: InputRemind}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, _, _ := newHandoffEngine(t, true)
			rs, err := e.Handle(context.Background(), Chat{ID: "tg:9"}, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if st.saves != 0 || st.stored("tg:9") != nil {
				t.Errorf("a staff-side input created a session: %s", st.stored("tg:9"))
			}
			if tc.want == "" && len(rs) != 0 || tc.want != "" && (len(rs) != 1 || !rs[0].ToStaff || !strings.Contains(rs[0].Text, tc.want)) {
				t.Errorf("replies %+v, want one staff note containing %q", rs, tc.want)
			}
		})
	}
}
