package flows

import (
	"strings"
	"testing"
	"time"
)

func TestFirstAnswerBucket(t *testing.T) {
	cases := []struct {
		wait time.Duration
		want string
	}{
		{-time.Minute, "lt15m"}, {0, "lt15m"}, {14*time.Minute + 59*time.Second, "lt15m"}, {15 * time.Minute, "lt1h"},
		{59 * time.Minute, "lt1h"}, {time.Hour, "lt4h"}, {4 * time.Hour, "lt24h"}, {23 * time.Hour, "lt24h"},
		{24 * time.Hour, "ge24h"}, {30 * 24 * time.Hour, "ge24h"},
	}
	for _, tc := range cases {
		if got := firstAnswerBucket(tc.wait); got != tc.want {
			t.Errorf("firstAnswerBucket(%s) = %s, want %s", tc.wait, got, tc.want)
		}
	}
}

// TestFirstAnswerCountedOnce: the delay is counted on the staff's first answer alone, in the
// bucket of the time since the request, and never again for later answers of the thread.
func TestFirstAnswerCountedOnce(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string // the only first_answer field expected, "" for none
	}{
		{"answered after 2h", []string{"~wait 2h", "~staff Bonjour.", "~wait 3h", "~staff Encore là ?", "~staffmedia photo"}, "handoff:first_answer:lt4h=1"},
		{"media first after 20m", []string{"~wait 20m", "~staffmedia document", "~wait 5h", "~staff Voilà."}, "handoff:first_answer:lt1h=1"},
		{"reminders, no answer", []string{"~wait 35m", "~remind", "~wait 35m", "~remind"}, ""},
		{"closed by staff without answer", []string{"~wait 1h", "~staff /fin"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, rec, clock := newHandoffEngine(t, true)
			c := &conversation{t: t, e: e, st: st, chat: Chat{ID: "tg:700000009", PlatformLang: "fr"}, clock: clock}
			for _, line := range append([]string{"/start r-diourbel_d-mbacke_n-parler_p-retour_l-fr", "[✉️ Écrire à notre équipe]",
				"[✅ Oui, j'écris mon message]", "Je cherche du travail."}, tc.lines...) {
				c.say(line)
			}
			var got []string
			for _, f := range rec.fields() {
				if strings.HasPrefix(f, StatFirstAnswer) {
					got = append(got, f)
				}
			}
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
				t.Errorf("first-answer counters %v, want %q", got, tc.want)
			}
		})
	}
}
