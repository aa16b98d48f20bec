package alerts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/alerts"
)

var jobMbacke = alerts.Change{Offer: "atelier-mbacke", Date: "-", Keys: []string{"emploi:d-mbacke"}}

// exactlyOne checks that each of n chats "tg:<prefix>i" got one message.
func exactlyOne(t *testing.T, s *fakeSender, prefix string, n int) {
	t.Helper()
	for i := range n {
		if got := s.messages(fmt.Sprintf("tg:%s%d", prefix, i)); len(got) != 1 {
			t.Fatalf("tg:%s%d got %d messages: %q", prefix, i, len(got), got)
		}
	}
}

func TestExactlyOnceWithTwoConsumers(t *testing.T) {
	e := newEnv(t)
	e.subscribe(t, "m", 300, "emploi:d-mbacke")
	e.subscribe(t, "x", 50, "emploi:d-bambey")
	e.release(t, jobMbacke)
	s := newFakeSender()
	a, b := e.dispatcher(t, "a", s, time.Minute), e.dispatcher(t, "b", s, time.Minute)
	var wg sync.WaitGroup
	for _, d := range []*alerts.Dispatcher{a, b} {
		wg.Go(func() { drain(t, context.Background(), d) })
	}
	wg.Wait()
	exactlyOne(t, s, "m", 300)
	if s.sent != 300 || len(s.messages("tg:x0")) != 0 {
		t.Fatalf("%d messages sent; elsewhere: %q", s.sent, s.messages("tg:x0"))
	}
	// The same change recorded again (a reload of the same file, another replica) is not news.
	if news, err := e.q.Record(context.Background(), []alerts.Change{jobMbacke}); err != nil || len(news) != 0 {
		t.Fatalf("recorded twice: %v, %v", news, err)
	}
}

func TestResumeAfterKilledSender(t *testing.T) {
	e := newEnv(t)
	e.subscribe(t, "m", 200, "emploi:d-mbacke")
	e.release(t, jobMbacke)
	s := newFakeSender()
	ctx, kill := context.WithCancel(context.Background())
	s.kill, s.killAfter = kill, 70
	drain(t, ctx, e.dispatcher(t, "dies", s, time.Minute))
	if s.sent < 70 || s.sent >= 200 {
		t.Fatalf("the killed sender sent %d", s.sent)
	}
	s.kill = nil
	time.Sleep(30 * time.Millisecond) // the dead consumer's entries become idle
	drain(t, context.Background(), e.dispatcher(t, "takes-over", s, 20*time.Millisecond))
	exactlyOne(t, s, "m", 200)
}

func TestBlockedChatLosesItsAlerts(t *testing.T) {
	e := newEnv(t)
	e.subscribe(t, "m", 3, "emploi:d-mbacke")
	e.release(t, jobMbacke)
	s := newFakeSender()
	s.blocked["tg:m1"] = true
	s.retry = 2 // and Telegram asks to slow down twice on the way
	drain(t, context.Background(), e.dispatcher(t, "a", s, time.Minute))
	subs, err := e.q.Subscriptions(context.Background(), "tg:m1")
	if err != nil || len(subs) != 0 {
		t.Fatalf("blocked chat keeps %v (%v)", subs, err)
	}
	if len(s.messages("tg:m0")) != 1 || len(s.messages("tg:m2")) != 1 {
		t.Fatal("the other chats were not told")
	}
}

func TestOneMessagePerDay(t *testing.T) {
	e := newEnv(t)
	e.subscribe(t, "m", 2, "emploi:d-mbacke")
	e.subscribe(t, "m", 1, "formation:r-diourbel") // tg:m0 has two alerts
	training := alerts.Change{Offer: "cours", Date: "-", Keys: []string{"formation:r-diourbel"}}
	e.release(t, jobMbacke)
	e.release(t, training) // both before sending: one message with both offers
	s := newFakeSender()
	d := e.dispatcher(t, "a", s, time.Minute)
	drain(t, context.Background(), d)
	if got := s.messages("tg:m0"); len(got) != 1 || got[0] != "fr: atelier-mbacke, cours" {
		t.Fatalf("grouped message: %q", got)
	}
	later := alerts.Change{Offer: "stage", Date: "-", Keys: []string{"emploi:d-mbacke"}}
	e.release(t, later) // same day: waits for tomorrow
	drain(t, context.Background(), d)
	if got := s.messages("tg:m1"); len(got) != 1 {
		t.Fatalf("second message the same day: %q", got)
	}
	e.clock.set(e.clock.now().Add(24 * time.Hour))
	if n, err := e.q.Promote(context.Background(), e.clock.now()); err != nil || n != 2 {
		t.Fatalf("promoted %d, %v", n, err)
	}
	drain(t, context.Background(), d)
	if got := s.messages("tg:m1"); len(got) != 2 || got[1] != "fr: stage" {
		t.Fatalf("next day: %q", got)
	}
}

func TestReminderGoesToThoseTold(t *testing.T) {
	e := newEnv(t)
	e.subscribe(t, "m", 2, "emploi:d-mbacke")
	e.release(t, jobMbacke)
	s := newFakeSender()
	d := e.dispatcher(t, "a", s, time.Minute)
	drain(t, context.Background(), d)
	e.subscribe(t, "late", 1, "emploi:d-mbacke") // subscribed after: not told, not reminded
	e.clock.set(e.clock.now().Add(48 * time.Hour))
	remind := alerts.Change{Offer: jobMbacke.Offer, Remind: true, Date: "2026-12-05"}
	e.release(t, remind)
	drain(t, context.Background(), d)
	if got := s.messages("tg:m0"); len(got) != 2 || got[1] != "fr: remind atelier-mbacke" {
		t.Fatalf("reminder: %q", got)
	}
	if got := s.messages("tg:late0"); len(got) != 0 {
		t.Fatalf("late subscriber reminded: %q", got)
	}
	e.release(t, alerts.Change{Offer: "other", Date: "-", Keys: []string{"papiers:all"}}) // nobody: fine
	if news, _ := e.q.Record(context.Background(), []alerts.Change{remind}); len(news) != 0 {
		t.Fatal("reminder recorded twice")
	}
}

func TestFirstRecordIsTheBaseline(t *testing.T) {
	e := newEnv(t) // newEnv already recorded once, with nothing
	q := e.q
	ctx := context.Background()
	if news, err := q.Record(ctx, []alerts.Change{jobMbacke}); err != nil || len(news) != 1 {
		t.Fatalf("after the baseline: %v, %v", news, err)
	}
	held, err := q.Held(ctx)
	if err != nil || len(held) != 1 || held[0].ID() != jobMbacke.ID() {
		t.Fatalf("held = %v, %v", held, err)
	}
	wider := jobMbacke
	wider.Keys = []string{"emploi:d-mbacke", "emploi:r-diourbel"}
	news, err := q.Record(ctx, []alerts.Change{wider})
	if err != nil || len(news) != 1 || len(news[0].Keys) != 1 || news[0].Keys[0] != "emploi:r-diourbel" {
		t.Fatalf("only the new place is news: %v, %v", news, err)
	}
}
