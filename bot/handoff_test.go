package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

// memThreads is an in-memory Threads: links and a reminder queue.
type memThreads struct {
	mu        sync.Mutex
	links     map[int64][2]string
	due       []Reminder
	scheduled int
}

func (m *memThreads) Link(_ context.Context, post int64, chat, thread string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.links[post] = [2]string{chat, thread}
	return nil
}

func (m *memThreads) Find(_ context.Context, post int64) (string, string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.links[post]
	return l[0], l[1], ok, nil
}

func (m *memThreads) Schedule(_ context.Context, r Reminder) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.due = append(m.due, r)
	m.scheduled++
	return nil
}

func (m *memThreads) Due(_ context.Context, now time.Time, max int) ([]Reminder, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out, keep []Reminder
	for _, r := range m.due {
		if !r.At.After(now) && len(out) < max {
			out = append(out, r)
			continue
		}
		keep = append(keep, r)
	}
	m.due = keep
	return out, nil
}

func TestGroupMessagesOutsideTheStaffGroupAreIgnored(t *testing.T) {
	const group = int64(-1001234567890)
	cases := []struct {
		name  string
		staff fakeapi.Staff
		post  int
	}{
		{"another group replying to a linked post", fakeapi.Staff{ID: 1, Group: -1009999}, 88},
		{"the staff group, a post never linked", fakeapi.Staff{ID: 1, Group: group}, 77},
		{"the staff group, not a reply", fakeapi.Staff{ID: 1, Group: group}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eng := newMenuEngine()
			th := &memThreads{links: map[int64][2]string{88: {"tg:5300000001", "ABCDEF"}}}
			api := newAPI(t)
			h := startBot(t, api, eng, "polling", func(c *Config) { c.StaffChatID, c.Threads = group, th })
			h.waitReady()
			api.Push(tc.staff.Reply(tc.post, "Bonjour"))
			eventually(t, "update handled", func() bool { return h.obs.handledCount() >= 1 })
			eng.mu.Lock()
			defer eng.mu.Unlock()
			if len(eng.inputs) != 0 {
				t.Errorf("the engine was called: %+v", eng.inputs)
			}
			if n := len(api.Messages(5300000001)) + len(api.Messages(tc.staff.Group)); n != 0 {
				t.Errorf("%d messages sent", n)
			}
		})
	}
}

func TestReminderThatFailsIsRescheduled(t *testing.T) {
	eng := newMenuEngine()
	eng.fail = errors.New("redis down")
	th := &memThreads{links: map[int64][2]string{}}
	api := newAPI(t)
	h := startBot(t, api, eng, "polling", func(c *Config) { c.StaffChatID, c.Threads = -100123, th })
	h.waitReady()
	th.due = []Reminder{{Chat: "tg:5300000001", Thread: "ABCDEF", Post: 88, At: time.Now().Add(-time.Second)}}
	h.bot.remindDue(context.Background())
	th.mu.Lock()
	defer th.mu.Unlock()
	if th.scheduled != 1 || len(th.due) != 1 || th.due[0].Post != 88 || !th.due[0].At.After(time.Now()) {
		t.Errorf("a reminder that could not be sent was not put back: %+v", th.due)
	}
}

// Compile-time check that memThreads is a Threads.
var _ Threads = (*memThreads)(nil)
