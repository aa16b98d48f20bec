package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/store"
)

// approvalText is the staff group's post when alerts wait for approval: what would be
// sent, per offer, with how many chats it reaches at most (as `samayoon alerts preview`).
func approvalText(ctx context.Context, q *store.Alerts, cat *catalog.Catalog) (string, error) {
	held, err := q.Held(ctx)
	if err != nil || len(held) == 0 {
		return "", err
	}
	sort.Slice(held, func(i, j int) bool { return held[i].ID() < held[j].ID() })
	var b strings.Builder
	fmt.Fprintf(&b, "🔔 Alertes en attente d'approbation (%d) :\n", len(held))
	for _, c := range held {
		n, err := q.Reach(ctx, c)
		if err != nil {
			return "", err
		}
		kind := "nouvelle offre"
		if c.Remind {
			kind = "clôture dans 3 jours"
		}
		name := offerName(cat, c.Offer)
		if name == "" {
			name = c.Offer
		}
		fmt.Fprintf(&b, "• %s (%s) — %s : %d discussion(s) au plus\n", name, c.Offer, kind, n)
	}
	b.WriteString("Rien ne part avant qu'un membre de l'équipe appuie sur le bouton (ou lance « samayoon alerts send »).")
	return b.String(), nil
}

// approveAlerts is the staff group button's action: it releases what is held, as
// `samayoon alerts send` does; Release is atomic, so a second press releases nothing.
func approveAlerts(q *store.Alerts) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		n, err := q.Release(ctx)
		if err != nil {
			return "", err
		}
		if n == 0 {
			return "Rien à envoyer : ces alertes sont déjà parties (ou plus rien n'attend).", nil
		}
		return fmt.Sprintf("✅ %d alerte(s) approuvée(s) : l'envoi commence (au plus ALERTS_RATE messages par seconde).", n), nil
	}
}
