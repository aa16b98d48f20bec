package store

import (
	"context"
	"testing"
	"time"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/flows"
)

// TestAlertQueueOnEveryBackend walks one change through the queue on a real redis-server,
// a Redis Cluster (the scripts touch undeclared keys of the {al} slot) and the embedded Redis.
func TestAlertQueueOnEveryBackend(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	change := alerts.Change{Offer: "appel", Date: "-", Keys: []string{"emploi:d-mbacke"}}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			c, _ := b.start(t)
			a := NewAlerts(c, "")
			mustSub(t, a, "tg:1", flows.Subscription{Need: "emploi", Region: "diourbel", Dept: "mbacke"})
			if _, err := a.Record(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if news, err := a.Record(ctx, []alerts.Change{change}); err != nil || len(news) != 1 {
				t.Fatalf("record = %v, %v", news, err)
			}
			if n, err := a.Release(ctx); err != nil || n != 1 {
				t.Fatalf("release = %d, %v", n, err)
			}
			fans, err := a.ReadFan(ctx, "c1", time.Minute, 10*time.Millisecond)
			if err != nil || len(fans) != 1 {
				t.Fatalf("fan = %v, %v", fans, err)
			}
			if n, err := a.FanOut(ctx, fans[0].Change, 100); err != nil || n != 1 {
				t.Fatalf("fan out = %d, %v", n, err)
			}
			if err := a.AckFan(ctx, fans[0].ID); err != nil {
				t.Fatal(err)
			}
			entries, err := a.ReadSend(ctx, "c1", 10, time.Minute, 10*time.Millisecond)
			if err != nil || len(entries) != 1 || entries[0].Chat != "tg:1" {
				t.Fatalf("send entries = %v, %v", entries, err)
			}
			tasks, err := a.Take(ctx, entries, now)
			if err != nil || tasks[0].Action != alerts.ActSend || tasks[0].Lang != "fr" || tasks[0].Items[0] != "o:appel" {
				t.Fatalf("take = %+v, %v", tasks, err)
			}
			if err := a.Done(ctx, entries); err != nil {
				t.Fatal(err)
			}
			if fan, send, later, err := a.QueueSizes(ctx); err != nil || fan+send+later != 0 {
				t.Fatalf("left in the queues: %d %d %d, %v", fan, send, later, err)
			}
		})
	}
}
