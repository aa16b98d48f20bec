package flows

import (
	"context"
	"strings"
	"testing"
)

func TestTypedSentences(t *testing.T) {
	cases := []struct {
		name  string
		from  session
		typed string
		want  session // S, P, R, D, N and Everyone compared
		text  string  // the first reply starts with this
	}{
		{"need and place at the profile question", session{S: stProfile, L: "fr"}, "je cherche du travail à Touba",
			session{S: stResults, R: "diourbel", D: "mbacke", N: "emploi", Everyone: true}, "J'ai compris : 💼 Emploi à Mbacké (Touba)."},
		{"wolof at the region question", session{S: stRegion, L: "wo", P: "jeune"}, "dama bëgg liggéey ci Touba",
			session{S: stResults, P: "jeune", R: "diourbel", D: "mbacke", N: "emploi"}, "Dégg naa : 💼 Liggéey ci Mbacké (Touba)."},
		{"explicit words win over the question", session{S: stNeed, L: "fr", P: "retour", R: "dakar"}, "formation à Bambey",
			session{S: stResults, P: "retour", R: "diourbel", D: "bambey", N: "formation"}, "J'ai compris : 🎓 Formation à Bambey."},
		{"only a place asks the need", session{S: stProfile, L: "fr"}, "j'habite à Ndindy",
			session{S: stNeed, R: "diourbel", D: "diourbel", Everyone: true}, "J'ai compris : Diourbel (Ndindy)."},
		{"only a need asks the place", session{S: stNeed, L: "fr", P: "jeune"}, "pas de boulot",
			session{S: stRegion, P: "jeune", N: "emploi"}, "J'ai compris : 💼 Emploi."},
		{"a region of departments asks the department", session{S: stResults, L: "fr", P: "jeune", R: "dakar", N: "emploi"}, "travail Diourbel",
			session{S: stDept, P: "jeune", R: "diourbel", N: "emploi"}, "J'ai compris : 💼 Emploi à Diourbel."},
		{"profile only", session{S: stProfile, L: "fr"}, "je suis rentré d'Italie",
			session{S: stRegion, P: "retour"}, "J'ai compris : 🧳 Migrant de retour."},
		{"not before the language", session{S: stLang}, "je cherche du travail à Touba",
			session{S: stLang}, ""},
		{"not at the forget question", session{S: stForget, L: "fr", P: "jeune"}, "je cherche du travail à Touba",
			session{S: stForget, P: "jeune"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, st := newTestEngine(t)
			chat := put(t, st, c.from)
			replies, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: c.typed})
			if err != nil {
				t.Fatal(err)
			}
			got := state(t, st)
			if got.S != c.want.S || got.P != c.want.P || got.R != c.want.R || got.D != c.want.D || got.N != c.want.N || got.Everyone != c.want.Everyone {
				t.Errorf("session %+v, want %+v", got, c.want)
			}
			if c.text != "" && !strings.HasPrefix(replies[0].Text, c.text) {
				t.Errorf("reply %q, want it to start with %q", replies[0].Text, c.text)
			}
		})
	}
}

func TestNarrowAndPlaceButtons(t *testing.T) {
	e, st := newTestEngine(t)
	chat := put(t, st, session{S: stResults, L: "fr", R: "diourbel", D: "mbacke", N: "emploi", Everyone: true})
	press := func(id string) []Reply {
		t.Helper()
		rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: id})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	press("p:")
	if s := state(t, st); s.S != stProfile || s.Everyone {
		t.Fatalf("narrow: session %+v, want the profile question", s)
	}
	press("p:jeune")
	if s := state(t, st); s.S != stResults || s.P != "jeune" {
		t.Fatalf("profile chosen: session %+v, want the results", s)
	}
	rs := press("r:")
	if s := state(t, st); s.S != stRegion || s.R != "" || s.D != "" || s.N != "emploi" {
		t.Fatalf("other place: session %+v, want the region question with the need kept", s)
	}
	if !strings.Contains(rs[len(rs)-1].Text, "région") {
		t.Errorf("other place: reply %q", rs[len(rs)-1].Text)
	}
}

func TestSentenceNamingNothingSearchesWithinAnswers(t *testing.T) {
	e, st := newTestEngine(t)
	chat := put(t, st, session{S: stNeed, L: "fr", P: "jeune", R: "diourbel", D: "mbacke"})
	rs, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: "BAOS"})
	if err != nil {
		t.Fatal(err)
	}
	text := rs[0].Text
	if !strings.Contains(text, "BAOS de Diourbel") || strings.Contains(text, "AIBD") {
		t.Errorf("search within Diourbel for a young person should keep the Diourbel BAOS and drop the airport one (returnees only):\n%s", text)
	}
}

// TestSentencesFromEveryQuestion types sentences of every kind at every question where they
// are read: the engine logs (and the test fails on) any transition the graph refuses.
func TestSentencesFromEveryQuestion(t *testing.T) {
	texts := []string{"je cherche du travail à Touba", "travail Diourbel", "Thiès", "Diourbel", "pas de boulot",
		"je suis rentré d'Italie", "BAOS", "xyzzy"}
	froms := []session{
		{S: stProfile, L: "fr"}, {S: stRegion, L: "fr", P: "jeune"}, {S: stDept, L: "fr", P: "jeune", R: "diourbel"},
		{S: stNeed, L: "fr", P: "jeune", R: "dakar"}, {S: stResults, L: "wo", P: "jeune", R: "dakar", N: "emploi"},
		{S: stDetails, L: "fr", P: "jeune", R: "dakar", N: "emploi", O: "anpej-emploi"},
		{S: stInfo, L: "fr", P: "jeune", R: "dakar", N: "migration", O: "voies-legales"},
	}
	for _, from := range froms {
		for _, text := range texts {
			e, st := newTestEngine(t)
			chat := put(t, st, from)
			replies, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: text})
			if err != nil || len(replies) == 0 {
				t.Fatalf("%s, %q: %v, %d replies", from.S, text, err, len(replies))
			}
			checkReplies(t, text, replies)
		}
	}
}
