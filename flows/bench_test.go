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
		{"start", session{S: stLang}, Input{Kind: InputCommand, Command: "start"}},
		{"language", session{S: stLang}, Input{Kind: InputChoice, Choice: "l:wo"}},
		{"profile", session{S: stProfile, L: "wo"}, Input{Kind: InputChoice, Choice: "p:retour"}},
		{"region", session{S: stRegion, L: "wo", P: "retour"}, Input{Kind: InputChoice, Choice: "r:diourbel"}},
		{"department", session{S: stDept, L: "wo", P: "retour", R: "diourbel"}, Input{Kind: InputChoice, Choice: "d:mbacke"}},
		{"need_results", session{S: stNeed, L: "wo", P: "retour", R: "diourbel", D: "mbacke"}, Input{Kind: InputChoice, Choice: "n:emploi"}},
		{"details", session{S: stResults, L: "wo", P: "retour", R: "diourbel", D: "mbacke", N: "emploi"}, Input{Kind: InputChoice, Choice: "o:anpej-emploi"}},
		{"typed_label", session{S: stRegion, L: "fr", P: "retour"}, Input{Kind: InputText, Text: "thiès"}},
		{"search", session{S: stNeed, L: "fr", P: "retour", R: "dakar"}, Input{Kind: InputText, Text: "ANPEJ conseil"}},
		// A typed sentence that goes to the results, to compare with need_results (issue 17: within 2×).
		{"sentence_results", session{S: stNeed, L: "wo", P: "retour", R: "diourbel", D: "mbacke"}, Input{Kind: InputText, Text: "dama bëgg liggéey ci Touba"}},
		{"sentence_from_profile", session{S: stProfile, L: "fr"}, Input{Kind: InputText, Text: "je cherche du travail à Touba"}},
	}
	for _, step := range steps {
		b.Run(step.name, func(b *testing.B) {
			e, st := newTestEngine(b)
			step.from.V = schemaVersion
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

// BenchmarkMachineMove measures one checked transition on a pooled looplab/fsm machine.
func BenchmarkMachineMove(b *testing.B) {
	m := newMachines()
	b.ReportAllocs()
	for b.Loop() {
		if err := m.move(stRegion, stDept); err != nil {
			b.Fatal(err)
		}
	}
}
