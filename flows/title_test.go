package flows

import (
	"testing"

	"github.com/samayoon/samayoon/catalog"
)

func TestOfferTitle(t *testing.T) {
	anpej := &catalog.Organization{Name: "Agence nationale pour la promotion de l'emploi des jeunes", Acronym: "ANPEJ"}
	tests := []struct {
		name  string
		org   *catalog.Organization
		offer string
		want  string
	}{
		{"organisation then offer", anpej, "CSAEM : conseil emploi", "ANPEJ — CSAEM : conseil emploi"},
		{"offer starting with the acronym and a colon", anpej, "ANPEJ : conseil en emploi", "ANPEJ : conseil en emploi"},
		{"offer starting with the acronym and a space", &catalog.Organization{Acronym: "BAOS"}, "BAOS de Diourbel : accueil", "BAOS de Diourbel : accueil"},
		{"offer that is the acronym", anpej, "ANPEJ", "ANPEJ"},
		{"a longer word is not the acronym", &catalog.Organization{Acronym: "DER"}, "DERNIER appel", "DER — DERNIER appel"},
		{"no acronym: the name is the label", &catalog.Organization{Name: "Croix-Rouge sénégalaise"}, "Croix-Rouge sénégalaise : familles de migrants disparus", "Croix-Rouge sénégalaise : familles de migrants disparus"},
		{"no organisation", nil, "Offre", "Offre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := offerTitle(tt.org, tt.offer); got != tt.want {
				t.Errorf("offerTitle(%v, %q) = %q, want %q", tt.org, tt.offer, got, tt.want)
			}
		})
	}
}
