package store

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"
)

func TestThreads(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			client, inspect := b.start(t)
			th := NewThreads(client, "", -1001234, time.Hour)
			if err := th.Link(ctx, 41, "tg:7", "ABCDEF"); err != nil {
				t.Fatal(err)
			}
			chat, thread, ok, err := th.Find(ctx, 41)
			if err != nil || !ok || chat != "tg:7" || thread != "ABCDEF" {
				t.Fatalf("Find(41) = %q %q %v %v", chat, thread, ok, err)
			}
			if _, _, ok, err := th.Find(ctx, 42); ok || err != nil {
				t.Fatalf("Find of an unlinked post: ok=%v err=%v", ok, err)
			}
			if ttl := inspect.PTTL(ctx, "sy:handoff:-1001234:41").Val(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("link TTL %v, want at most an hour", ttl)
			}
			for i, at := range []time.Duration{30 * time.Minute, 10 * time.Minute, 50 * time.Minute} {
				r := Reminder{Chat: "tg:7", Thread: "ABCDEF", Post: int64(41 + i), At: t0.Add(at)}
				if err := th.Schedule(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			due, err := th.Due(ctx, t0.Add(40*time.Minute), 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(due) != 2 || due[0].Post != 42 || due[1].Post != 41 || due[0].Chat != "tg:7" || due[0].Thread != "ABCDEF" {
				t.Fatalf("due at +40 min: %+v, want posts 42 then 41", due)
			}
			if again, _ := th.Due(ctx, t0.Add(40*time.Minute), 10); len(again) != 0 {
				t.Fatalf("claimed reminders handed out twice: %+v", again)
			}
			st := New(client, Options{Logger: quietLogger()})
			if err := st.Delete(ctx, "tg:7"); err != nil {
				t.Fatal(err)
			}
			if _, _, ok, _ := th.Find(ctx, 41); ok {
				t.Error("/oublier (Delete) left the chat's staff-post link behind")
			}
		})
	}
}

func TestThreadsReminderClaimedOnce(t *testing.T) {
	ctx := context.Background()
	client, _ := backends()[0].start(t)
	a := NewThreads(client, "", -1, time.Hour)
	b := NewThreads(client, "", -1, time.Hour)
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 200; i++ {
		if err := a.Schedule(ctx, Reminder{Chat: "tg:1", Thread: "T", Post: int64(i), At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	for _, th := range []*Threads{a, b, a, b} {
		wg.Add(1)
		go func(th *Threads) {
			defer wg.Done()
			for {
				due, err := th.Due(ctx, t0, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(due) == 0 {
					return
				}
				mu.Lock()
				for _, r := range due {
					got = append(got, int(r.Post))
				}
				mu.Unlock()
			}
		}(th)
	}
	wg.Wait()
	sort.Ints(got)
	if len(got) != 200 {
		t.Fatalf("%d reminders claimed, want 200 exactly once each", len(got))
	}
	for i, p := range got {
		if p != i {
			t.Fatalf("reminder %d claimed twice or lost", i)
		}
	}
}
