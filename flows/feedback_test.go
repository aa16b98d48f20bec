package flows

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/internal/testutil"
)

// newStaffEngine is newRecordingEngine whose channel can reach a staff group when staff is set.
func newStaffEngine(t *testing.T, staff bool) (*Engine, *memStore, *countingRecorder) {
	t.Helper()
	rec := &countingRecorder{}
	e, st := newEngineWith(t, func(c *Config) { c.Recorder, c.Staff = rec, staff })
	return e, st, rec
}

func TestFeedbackTranscripts(t *testing.T) {
	cases := []struct {
		name  string
		chat  Chat
		lines []string
		want  []string // counters the conversation must leave (among others)
	}{
		{"feedback_fr", Chat{ID: "t:1", PlatformLang: "fr"}, []string{"/start r-diourbel_d-mbacke_n-emploi_p-retour_l-fr",
			"[👎 Non]", "!fb:y", "[ℹ️ 1]", "[👍 Oui]", "[⬅️ Retour]", "[ℹ️ 2]", "[⚠️ Signaler un problème]",
			"[⬅️ Retour]", "[⚠️ Signaler un problème]", "[📵 Le numéro ne répond pas]", "!pb:closed"},
			[]string{"useful:no:results-emploi=1", "useful:yes:exemple-mbacke-emploi=1", "problem:noanswer:baos-diourbel=1"}},
		{"feedback_wo", Chat{ID: "t:2", PlatformLang: "wo"}, []string{"/start r-diourbel_d-mbacke_n-emploi_p-retour_l-wo",
			"[ℹ️ 1]", "[👍 Waaw]", "[⬅️ Dellu]", "[ℹ️ 1]", "[⚠️ Yëgle ab jafe-jafe]", "[❌ Xibaar bi dëggul]"},
			[]string{"useful:yes:exemple-mbacke-emploi=1", "problem:wrong:exemple-mbacke-emploi=1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, rec := newStaffEngine(t, true)
			c := &conversation{t: t, e: e, st: st, chat: tc.chat}
			fmt.Fprintf(&c.out, "# %s (langue du téléphone : %q, groupe de l'équipe configuré)\n\n", tc.name, tc.chat.PlatformLang)
			for _, line := range tc.lines {
				c.say(line)
			}
			got := checkCounters(t, rec, tc.want)
			if strings.Count(got, " useful:")+strings.Count(got, " problem:") != len(tc.want) {
				t.Errorf("feedback counted more than once:%s", got)
			}
			compareGolden(t, tc.name, c.out.String())
		})
	}
}

// compareGolden checks a transcript against testdata/name.txt, or rewrites it with -update.
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name+".txt"), got, *update)
}

func TestStaffRepliesOnlyWhenConfigured(t *testing.T) {
	for _, staff := range []bool{false, true} {
		t.Run(fmt.Sprintf("staff=%v", staff), func(t *testing.T) {
			e, st, _ := newStaffEngine(t, staff)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "tg:987654321", PlatformLang: "fr"}}
			for _, line := range []string{"/start r-diourbel_d-mbacke_n-emploi_p-retour_l-fr", "[ℹ️ 1]",
				"[⚠️ Signaler un problème]"} {
				c.say(line)
			}
			c.say("[🚪 Le bureau est fermé]")
			var toStaff []Reply
			for _, r := range c.last {
				if r.ToStaff {
					toStaff = append(toStaff, r)
				}
			}
			if !staff {
				if len(toStaff) != 0 {
					t.Fatalf("staff replies without a staff group: %+v", toStaff)
				}
				return
			}
			if len(toStaff) != 1 || c.last[len(c.last)-1].ToStaff != true {
				t.Fatalf("want one staff reply, last: %+v", c.last)
			}
			text := toStaff[0].Text
			for _, want := range []string{"exemple-mbacke-emploi", "Le bureau est fermé", "Mbacké"} {
				if !strings.Contains(text, want) {
					t.Errorf("staff message lacks %q: %q", want, text)
				}
			}
			if strings.Contains(text, "987654321") || toStaff[0].Choices != nil {
				t.Errorf("staff message carries the chat id or buttons: %+v", toStaff[0])
			}
		})
	}
}

func TestTalkToSomeoneOnEveryResultsPage(t *testing.T) {
	cases := []struct {
		name, link string
	}{
		{"offers found", "r-diourbel_d-mbacke_n-emploi_p-retour_l-fr"},
		{"no offer found", "r-diourbel_d-mbacke_n-papiers_p-famille_l-fr"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, rec := newRecordingEngine(t)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "t:x", PlatformLang: "fr"}}
			c.say("/start " + tc.link)
			c.say("[💬 Parler à quelqu'un]")
			if s := state(t, st); s.State != stResults || s.Need != "parler" {
				t.Fatalf("after the talk button: state %q need %q", s.State, s.Need)
			}
			page := c.last[len(c.last)-1]
			if !strings.Contains(page.Text, "BAOS") {
				t.Errorf("talk page lacks the reception office: %q", page.Text)
			}
			for _, row := range page.Choices {
				if row[0].ID == "n:parler" {
					t.Errorf("the talk page offers itself again")
				}
			}
			if got := strings.Join(rec.fields(), " "); !strings.Contains(got, "need:parler=1") {
				t.Errorf("talk not counted: %s", got)
			}
		})
	}
}

// checkCounters fails for each wanted counter ("field=n") the recorder lacks, and returns
// every recorded counter between spaces for further checks.
func checkCounters(t *testing.T, rec *countingRecorder, want []string) string {
	t.Helper()
	got := " " + strings.Join(rec.fields(), " ") + " "
	for _, w := range want {
		if !strings.Contains(got, " "+w+" ") {
			t.Errorf("counter %s missing in%s", w, got)
		}
	}
	return got
}
