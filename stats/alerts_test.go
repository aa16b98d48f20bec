package stats

import (
	"strings"
	"testing"
	"time"
)

func TestAlertsInStatsAndReport(t *testing.T) {
	day := map[string]map[string]int64{"2026-12-01": {
		"alert_on:emploi:d-mbacke": 3, "alert_sent": 40, "alert_opened": 12, "alert_stop": 2, "alert_blocked": 1}}
	subs := map[string]int64{"emploi:d-mbacke": 120, "formation:r-dakar": 7}
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var md strings.Builder
	if err := WriteMarkdown(&md, from, from, day); err != nil {
		t.Fatal(err)
	}
	var rep strings.Builder
	if err := WriteReport(&rep, ReportInput{From: from, To: from, Days: day, Now: from, Subscriptions: subs}); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, out, want string }{
		{"stats: subscriptions asked", md.String(), "## Alertes demandées (besoin:lieu)\n\n| Valeur | Nombre |\n|---|---:|\n| emploi:d-mbacke | 3 |"},
		{"stats: opened", md.String(), "## Alertes ouvertes (bouton d'une offre touché)\n\n| Valeur | Nombre |\n|---|---:|\n| total | 12 |"},
		{"report: counts", rep.String(), "Messages envoyés : 40 ; ouverts (une offre touchée) : 12 ; arrêts : 2 ; bot bloqué : 1."},
		{"report: subscribers per need and place", rep.String(), "| emploi:d-mbacke | 120 |\n| formation:r-dakar | 7 |\n| total (un chat peut compter plusieurs fois) | 127 |"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.out, tc.want) {
				t.Fatalf("missing %q in:\n%s", tc.want, tc.out)
			}
		})
	}
}
