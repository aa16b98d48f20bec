package store

import (
	"context"
	"fmt"
	"testing"
)

func TestJournalKeepsForgetsAndReplaysInOrder(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			client, raw := be.start(t)
			ctx := context.Background()
			j := NewJournal(client, "")
			upd := func(id int) []byte { return []byte(fmt.Sprintf(`{"update_id":%d}`, id)) }
			if err := j.Keep(ctx, map[int][]byte{12: upd(12), 10: upd(10), 11: upd(11)}, 0); err != nil {
				t.Fatal(err)
			}
			if err := j.Keep(ctx, map[int][]byte{13: upd(13)}, 12); err != nil {
				t.Fatal(err)
			}
			got, err := j.Pending(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%s", got) != `[{"update_id":12} {"update_id":13}]` {
				t.Fatalf("pending = %s; want 12 and 13 in order", got)
			}
			if ttl := raw.PTTL(ctx, "sy:poll:journal").Val(); ttl <= 0 || ttl > journalTTL {
				t.Errorf("journal TTL = %v, want within %v", ttl, journalTTL)
			}
			if err := j.Keep(ctx, nil, 14); err != nil {
				t.Fatal(err)
			}
			if got, _ := j.Pending(ctx); len(got) != 0 {
				t.Fatalf("after forgetting all: %s", got)
			}
		})
	}
}
