package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Subscriptions counts the chats subscribed to each need × place now ("emploi:d-mbacke");
// *store.Alerts implements it. Only counts: never which chats.
type Subscriptions interface {
	Counts(ctx context.Context) (map[string]int64, error)
}

// alertTitles names the alerts' daily counters for staff.
func alertTitles() [][2]string {
	return [][2]string{
		{"alert_on", "Alertes demandées (besoin:lieu)"}, {"alert_off", "Alertes retirées (/alertes)"},
		{"alert_sent", "Alertes envoyées (messages)"}, {"alert_opened", "Alertes ouvertes (bouton d'une offre touché)"},
		{"alert_stop", "Alertes arrêtées (bouton Arrêter)"}, {"alert_blocked", "Alertes retirées : bot bloqué"},
	}
}

// writeSubscriptions writes today's subscriptions per need × place, most first.
func writeSubscriptions(b *strings.Builder, counts map[string]int64) {
	b.WriteString("\n## Abonnés aux alertes aujourd'hui (besoin:lieu)\n\n")
	if len(counts) == 0 {
		b.WriteString("Aucun abonné.\n")
		return
	}
	keys := make([]string, 0, len(counts))
	var total int64
	for k, n := range counts {
		keys = append(keys, k)
		total += n
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	b.WriteString("| Besoin:lieu | Abonnés |\n|---|---:|\n")
	for _, k := range keys {
		fmt.Fprintf(b, "| %s | %d |\n", k, counts[k])
	}
	fmt.Fprintf(b, "| total (un chat peut compter plusieurs fois) | %d |\n", total)
}

// writeAlerts is the report's alerts section: subscriptions now, messages sent, opened, stopped.
func writeAlerts(b *strings.Builder, totals map[string]int64, subs map[string]int64) {
	if subs == nil && totals["alert_sent"] == 0 {
		return
	}
	b.WriteString("\n## Alertes « 🔔 Me prévenir »\n\n")
	fmt.Fprintf(b, "Messages envoyés : %d ; ouverts (une offre touchée) : %d ; arrêts : %d ; bot bloqué : %d.\n",
		totals["alert_sent"], totals["alert_opened"], totals["alert_stop"], totals["alert_blocked"])
	if subs != nil {
		writeSubscriptions(b, subs)
	}
}
