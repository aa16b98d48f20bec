package store

import (
	"context"
	"testing"
	"time"
)

func TestWebSessions(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			client, inspect := b.start(t)
			w := NewWebSessions(client, "")
			id, err := w.Create(ctx, WebSession{Account: "awa", Roles: []string{"editor"}, CSRF: "c"}, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			s, ok, err := w.Get(ctx, id)
			if err != nil || !ok || s.Account != "awa" || s.CSRF != "c" || len(s.Roles) != 1 {
				t.Fatalf("Get = %+v %v %v", s, ok, err)
			}
			if ttl := inspect.PTTL(ctx, "sy:web:s:"+id).Val(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("session TTL %v, want at most an hour", ttl)
			}
			if err := w.Delete(ctx, id); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := w.Get(ctx, id); ok {
				t.Error("a deleted session is still found")
			}
			tok, err := w.NewLoginToken(ctx, "local", time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if a, ok, err := w.TakeLoginToken(ctx, tok); a != "local" || !ok || err != nil {
				t.Fatalf("TakeLoginToken = %q %v %v", a, ok, err)
			}
			if _, ok, _ := w.TakeLoginToken(ctx, tok); ok {
				t.Error("a login token worked twice")
			}
			for range 3 {
				if err := w.Fail(ctx, "ip:1.2.3.4", time.Minute); err != nil {
					t.Fatal(err)
				}
			}
			if n, err := w.Failures(ctx, "ip:1.2.3.4"); n != 3 || err != nil {
				t.Errorf("Failures = %d %v, want 3", n, err)
			}
			if ttl := inspect.PTTL(ctx, "sy:web:rl:ip:1.2.3.4").Val(); ttl <= 0 || ttl > time.Minute {
				t.Errorf("failure window TTL %v, want at most a minute", ttl)
			}
		})
	}
}
