package flows

import (
	"context"
	"testing"
)

// BenchmarkHandle measures one update per journey step with the in-memory store: load,
// decode, machine, apply, encode, save and render.
func BenchmarkHandle(b *testing.B) {
	steps := []struct {
		name string
		from session
		in   Input
	}{
		{"start", session{State: stLang}, Input{Kind: InputCommand, Command: "start"}},
		{"language", session{State: stLang}, Input{Kind: InputChoice, Choice: "l:wo"}},
		{"profile", session{State: stProfile, Lang: "wo"}, Input{Kind: InputChoice, Choice: "p:retour"}},
		{"region", session{State: stRegion, Lang: "wo", Profile: "retour"}, Input{Kind: InputChoice, Choice: "r:diourbel"}},
		{"department", session{State: stDept, Lang: "wo", Profile: "retour", Region: "diourbel"}, Input{Kind: InputChoice, Choice: "d:mbacke"}},
		{"need_results", session{State: stNeed, Lang: "wo", Profile: "retour", Region: "diourbel", Department: "mbacke"}, Input{Kind: InputChoice, Choice: "n:emploi"}},
		{"details", session{State: stResults, Lang: "wo", Profile: "retour", Region: "diourbel", Department: "mbacke", Need: "emploi"}, Input{Kind: InputChoice, Choice: "o:anpej-emploi"}},
		{"typed_label", session{State: stRegion, Lang: "fr", Profile: "retour"}, Input{Kind: InputText, Text: "thiès"}},
		{"search", session{State: stNeed, Lang: "fr", Profile: "retour", Region: "dakar"}, Input{Kind: InputText, Text: "ANPEJ conseil"}},
		// A typed sentence that goes to the results, to compare with need_results (issue 17: within 2×).
		{"sentence_results", session{State: stNeed, Lang: "wo", Profile: "retour", Region: "diourbel", Department: "mbacke"}, Input{Kind: InputText, Text: "dama bëgg liggéey ci Touba"}},
		{"sentence_from_profile", session{State: stProfile, Lang: "fr"}, Input{Kind: InputText, Text: "je cherche du travail à Touba"}},
	}
	for _, step := range steps {
		b.Run(step.name, func(b *testing.B) {
			e, st := newTestEngine(b)
			step.from.Version = schemaVersion
			data, err := encodeSession(step.from)
			if err != nil {
				b.Fatal(err)
			}
			chat := Chat{ID: "t:b", PlatformLang: "fr", CanLocate: true}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				st.data[chat.ID], st.rev[chat.ID] = data, 1
				if _, err := e.Handle(ctx, chat, step.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMachineEvent measures one transition (region → department, whose question is
// cached) on a pooled looplab/fsm machine, and on one built for the event.
func BenchmarkMachineEvent(b *testing.B) {
	e, _ := newTestEngine(b)
	t := &turn{e: e, cat: testCatalog(b), chat: Chat{ID: "t:b"}}
	b.Run("pooled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t.s = session{State: stRegion, Lang: "fr", Profile: "retour", Region: "diourbel"}
			t.fire(evAnswer)
			if t.err != nil || t.s.State != stDept {
				b.Fatalf("%s: %v", t.s.State, t.err)
			}
		}
	})
	b.Run("rebuilt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t.s = session{State: stRegion, Lang: "fr", Profile: "retour", Region: "diourbel"}
			f := newMachine()
			f.SetState(t.s.State)
			if err := f.Event(context.Background(), evAnswer, t); err != nil || t.s.State != stDept {
				b.Fatalf("%s: %v", t.s.State, err)
			}
		}
	})
}
