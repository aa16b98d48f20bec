package store

import (
	"context"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

func TestAlertsSubscriptions(t *testing.T) {
	ctx := context.Background()
	emploi := flows.Subscription{Need: "emploi", Region: "diourbel", Dept: "mbacke"}
	papiers := flows.Subscription{Need: "papiers", Region: "dakar"}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			c, _ := b.start(t)
			a := NewAlerts(c, "")
			for i, want := range []bool{true, false} {
				if got, err := a.Subscribe(ctx, "tg:1", "wo", emploi); err != nil || got != want {
					t.Fatalf("subscribe #%d = %v, %v", i, got, err)
				}
			}
			mustSub(t, a, "tg:1", papiers)
			mustSub(t, a, "tg:2", emploi)
			subs, err := a.Subscriptions(ctx, "tg:1")
			if err != nil || len(subs) != 2 || subs[0] != emploi || subs[1] != papiers {
				t.Fatalf("subscriptions = %+v, %v", subs, err)
			}
			if l, _ := a.Lang(ctx, "tg:1"); l != "fr" { // the latest language wins
				t.Fatalf("lang %q", l)
			}
			counts, err := a.Counts(ctx)
			if err != nil || counts["emploi:d-mbacke"] != 2 || counts["papiers:r-dakar"] != 1 {
				t.Fatalf("counts = %v, %v", counts, err)
			}
			if ok, err := a.Unsubscribe(ctx, "tg:1", papiers); !ok || err != nil {
				t.Fatalf("unsubscribe = %v, %v", ok, err)
			}
			if n, err := a.UnsubscribeAll(ctx, "tg:1"); n != 1 || err != nil {
				t.Fatalf("unsubscribe all = %d, %v", n, err)
			}
			if subs, _ := a.Subscriptions(ctx, "tg:1"); len(subs) != 0 {
				t.Fatalf("left %+v", subs)
			}
			if l, _ := a.Lang(ctx, "tg:1"); l != "" {
				t.Fatalf("language kept: %q", l)
			}
			if counts, _ := a.Counts(ctx); len(counts) != 1 || counts["emploi:d-mbacke"] != 1 {
				t.Fatalf("counts after removal = %v", counts)
			}
		})
	}
}

// mustSub subscribes or fails the test.
func mustSub(t testing.TB, a *Alerts, chat string, s flows.Subscription) {
	t.Helper()
	if _, err := a.Subscribe(context.Background(), chat, "fr", s); err != nil {
		t.Fatal(err)
	}
}
