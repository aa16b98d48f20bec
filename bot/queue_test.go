package bot

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestChatQueues: each chat's jobs run in order and never two at once, different chats run
// side by side up to the worker bound and no further, jobs aside run too, and wait sees
// them all finished.
func TestChatQueues(t *testing.T) {
	tests := []struct {
		name          string
		workers, chat int
		jobs          int // per chat
		aside         int
	}{
		{"one worker serves every chat in turn", 1, 5, 20, 3},
		{"fewer workers than chats", 3, 12, 30, 10},
		{"more workers than chats", 64, 4, 50, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newChatQueues(tt.workers)
			var mu sync.Mutex
			running, most := 0, 0
			busy := map[string]bool{}
			got := map[string][]int{}
			enter := func(chat string) {
				mu.Lock()
				defer mu.Unlock()
				if chat != "" && busy[chat] {
					t.Errorf("chat %s runs two jobs at once", chat)
				}
				busy[chat] = true
				running++
				most = max(most, running)
			}
			leave := func(chat string) {
				mu.Lock()
				defer mu.Unlock()
				busy[chat] = false
				running--
			}
			for i := range tt.jobs {
				for c := range tt.chat {
					chat := fmt.Sprint("tg:", c)
					q.add(chat, func() {
						enter(chat)
						time.Sleep(time.Millisecond / 4)
						mu.Lock()
						got[chat] = append(got[chat], i)
						mu.Unlock()
						leave(chat)
					})
				}
				if i < tt.aside {
					q.aside(func() { enter(""); leave("") })
				}
			}
			if !q.wait(time.Minute) {
				t.Fatal("jobs still running after a minute")
			}
			for c := range tt.chat {
				chat := fmt.Sprint("tg:", c)
				if len(got[chat]) != tt.jobs {
					t.Fatalf("chat %s ran %d jobs, want %d", chat, len(got[chat]), tt.jobs)
				}
				for i, j := range got[chat] {
					if i != j {
						t.Fatalf("chat %s ran its jobs in the order %v", chat, got[chat])
					}
				}
			}
			if most > tt.workers {
				t.Errorf("%d jobs ran at once with %d workers", most, tt.workers)
			}
		})
	}
}

// TestChatQueuesStop: stop ends the idle workers; a job queued afterwards still runs.
func TestChatQueuesStop(t *testing.T) {
	q := newChatQueues(4)
	for c := range 4 {
		q.add(fmt.Sprint("tg:", c), func() {})
	}
	if !q.wait(time.Minute) {
		t.Fatal("jobs still running")
	}
	q.stop()
	eventually(t, "no worker left after stop", func() bool {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.workers == 0
	})
	ran := make(chan struct{})
	q.add("tg:9", func() { close(ran) })
	<-ran
	if !q.wait(time.Minute) {
		t.Fatal("the late job did not finish")
	}
}
