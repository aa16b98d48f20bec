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
		want  session // State, Profile, Region, Department, Need and Everyone compared
		text  string  // the first reply starts with this
	}{
		{"need and place at the profile question", session{State: stProfile, Lang: "fr"}, "je cherche du travail à Touba",
			session{State: stResults, Region: "diourbel", Department: "mbacke", Need: "emploi", Everyone: true}, "J'ai compris : 💼 Emploi à Mbacké (Touba)."},
		{"wolof at the region question", session{State: stRegion, Lang: "wo", Profile: "jeune"}, "dama bëgg liggéey ci Touba",
			session{State: stResults, Profile: "jeune", Region: "diourbel", Department: "mbacke", Need: "emploi"}, "Dégg naa : 💼 Liggéey ci Mbacké (Touba)."},
		{"explicit words win over the question", session{State: stNeed, Lang: "fr", Profile: "retour", Region: "dakar"}, "formation à Bambey",
			session{State: stResults, Profile: "retour", Region: "diourbel", Department: "bambey", Need: "formation"}, "J'ai compris : 🎓 Formation à Bambey."},
		{"only a place asks the need", session{State: stProfile, Lang: "fr"}, "j'habite à Ndindy",
			session{State: stNeed, Region: "diourbel", Department: "diourbel", Everyone: true}, "J'ai compris : Diourbel (Ndindy)."},
		{"only a need asks the place", session{State: stNeed, Lang: "fr", Profile: "jeune"}, "pas de boulot",
			session{State: stRegion, Profile: "jeune", Need: "emploi"}, "J'ai compris : 💼 Emploi."},
		{"a region of departments asks the department", session{State: stResults, Lang: "fr", Profile: "jeune", Region: "dakar", Need: "emploi"}, "travail Diourbel",
			session{State: stDept, Profile: "jeune", Region: "diourbel", Need: "emploi"}, "J'ai compris : 💼 Emploi à Diourbel."},
		{"profile only", session{State: stProfile, Lang: "fr"}, "je suis rentré d'Italie",
			session{State: stRegion, Profile: "retour"}, "J'ai compris : 🧳 Migrant de retour."},
		{"before the language: kept, the language asked", session{State: stLang}, "je cherche du travail à Touba",
			session{State: stLang, Region: "diourbel", Department: "mbacke", Need: "emploi", Everyone: true}, "J'ai compris : 💼 Emploi à Mbacké (Touba)."},
		{"before the language, naming nothing: searched", session{State: stLang}, "ANPEJ",
			session{State: stLang}, ""},
		{"not at the forget question", session{State: stForget, Lang: "fr", Profile: "jeune"}, "je cherche du travail à Touba",
			session{State: stForget, Profile: "jeune"}, ""},
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
			if got.State != c.want.State || got.Profile != c.want.Profile || got.Region != c.want.Region || got.Department != c.want.Department || got.Need != c.want.Need || got.Everyone != c.want.Everyone {
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
	chat := put(t, st, session{State: stResults, Lang: "fr", Region: "diourbel", Department: "mbacke", Need: "emploi", Everyone: true})
	press := func(id string) []Reply {
		t.Helper()
		rs, err := e.Handle(context.Background(), chat, Input{Kind: InputChoice, Choice: id})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	press(idNarrow)
	if s := state(t, st); s.State != stProfile || s.Everyone {
		t.Fatalf("narrow: session %+v, want the profile question", s)
	}
	press("p:jeune")
	if s := state(t, st); s.State != stResults || s.Profile != "jeune" {
		t.Fatalf("profile chosen: session %+v, want the results", s)
	}
	rs := press(idOtherPlace)
	if s := state(t, st); s.State != stRegion || s.Region != "" || s.Department != "" || s.Need != "emploi" {
		t.Fatalf("other place: session %+v, want the region question with the need kept", s)
	}
	if !strings.Contains(rs[len(rs)-1].Text, "région") {
		t.Errorf("other place: reply %q", rs[len(rs)-1].Text)
	}
}

func TestSentenceNamingNothingSearchesWithinAnswers(t *testing.T) {
	e, st := newTestEngine(t)
	chat := put(t, st, session{State: stNeed, Lang: "fr", Profile: "jeune", Region: "diourbel", Department: "mbacke"})
	rs, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: "BAOS"})
	if err != nil {
		t.Fatal(err)
	}
	text := rs[0].Text
	if !strings.Contains(text, ") de Diourbel : accueil") || strings.Contains(text, "AIBD") {
		t.Errorf("search within Diourbel for a young person should keep the Diourbel BAOS and drop the airport one (returnees only):\n%s", text)
	}
}

// TestSentencesFromEveryQuestion types sentences of every kind at every question where they
// are read: the engine logs (and the test fails on) any transition the graph refuses.
func TestSentencesFromEveryQuestion(t *testing.T) {
	texts := []string{"je cherche du travail à Touba", "travail Diourbel", "Thiès", "Diourbel", "pas de boulot",
		"je suis rentré d'Italie", "BAOS", "xyzzy"}
	froms := []session{
		{State: stProfile, Lang: "fr"}, {State: stRegion, Lang: "fr", Profile: "jeune"}, {State: stDept, Lang: "fr", Profile: "jeune", Region: "diourbel"},
		{State: stNeed, Lang: "fr", Profile: "jeune", Region: "dakar"}, {State: stResults, Lang: "wo", Profile: "jeune", Region: "dakar", Need: "emploi"},
		{State: stDetails, Lang: "fr", Profile: "jeune", Region: "dakar", Need: "emploi", Offer: "anpej-emploi"},
		{State: stInfo, Lang: "fr", Profile: "jeune", Region: "dakar", Need: "migration", Offer: "voies-legales"},
	}
	for _, from := range froms {
		for _, text := range texts {
			e, st := newTestEngine(t)
			chat := put(t, st, from)
			replies, err := e.Handle(context.Background(), chat, Input{Kind: InputText, Text: text})
			if err != nil || len(replies) == 0 {
				t.Fatalf("%s, %q: %v, %d replies", from.State, text, err, len(replies))
			}
			checkReplies(t, text, replies)
		}
	}
}
