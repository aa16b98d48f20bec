package flows

import (
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short enough", "Formations de l'ONFP", 60, "Formations de l'ONFP"},
		{"exactly n", "abcde", 5, "abcde"},
		{"after a whole word", "Conseil en emploi et auto-emploi pour les jeunes", 30, "Conseil en emploi et…"},
		{"before an unclosed parenthesis", "Formations qualifiantes de l'ONFP (pôle Centre : Diourbel et Fatick)", 60, "Formations qualifiantes de l'ONFP…"},
		{"a closed parenthesis stays", "Pôle emploi (ESS) de Mbacké et de Touba pour tous", 30, "Pôle emploi (ESS) de Mbacké…"},
		{"no punctuation before the ellipsis", "Bureau d'accueil, d'orientation et de suivi des migrants", 33, "Bureau d'accueil, d'orientation…"},
		{"one long word is cut", "Ndimbalndimbalndimbalndimbal", 10, "Ndimbalnd…"},
		{"a space too early is ignored", "Ab cdefghijklmnopqrstuvwxyz", 12, "Ab cdefghij…"},
		{"accented letters count once", "Sénégal Sénégal Sénégal", 12, "Sénégal…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clip(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if utf8.RuneCountInString(got) > tt.n {
				t.Errorf("clip(%q, %d) = %q: %d runes", tt.in, tt.n, got, utf8.RuneCountInString(got))
			}
		})
	}
}
