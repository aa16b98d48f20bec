package bot

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

// memJournal is an in-memory Journal shared by the bots of a test, as Redis would be.
type memJournal struct {
	mu      sync.Mutex
	entries map[int][]byte
	writes  int
	fail    error
}

func newMemJournal() *memJournal { return &memJournal{entries: map[int][]byte{}} }

func (j *memJournal) Keep(_ context.Context, updates map[int][]byte, forgetBelow int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fail != nil {
		return j.fail
	}
	j.writes++
	for id := range j.entries {
		if id < forgetBelow {
			delete(j.entries, id)
		}
	}
	for id, raw := range updates {
		j.entries[id] = append([]byte(nil), raw...)
	}
	return nil
}

func (j *memJournal) Pending(context.Context) ([][]byte, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	ids := make([]int, 0, len(j.entries))
	for id := range j.entries {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	out := make([][]byte, len(ids))
	for i, id := range ids {
		out[i] = j.entries[id]
	}
	return out, nil
}

func (j *memJournal) size() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.entries)
}

func TestJournaledUpdateSurvivesACrashAfterTelegramConfirmedIt(t *testing.T) {
	api := newAPI(t)
	journal := newMemJournal()
	stuck := newMenuEngine()
	stuck.block = make(chan struct{}) // never released: the first process dies mid-update
	h1 := startBot(t, api, stuck, "polling", func(c *Config) { c.DrainTimeout = 100 * time.Millisecond; c.Journal = journal })
	user := fakeapi.User{ID: 5300000011}
	api.Push(user.Text("/start"))
	eventually(t, "update journaled and confirmed to Telegram", func() bool { return journal.size() == 1 && api.Pending() == 0 })
	h1.close()
	if journal.size() != 1 {
		t.Fatalf("journal holds %d updates after the cancelled shutdown, want 1", journal.size())
	}
	h2 := startBot(t, api, newMenuEngine(), "polling", func(c *Config) { c.Journal = journal })
	if m := h2.lastMessage(user.ID, 1); m.Text != "Bienvenue ! Vous êtes ?" {
		t.Errorf("after restart: %q", m.Text)
	}
	eventually(t, "journal emptied", func() bool { return journal.size() == 0 })
	h2.close()
	if n := len(api.Messages(user.ID)); n != 1 {
		t.Errorf("%d messages; the replayed update must be answered once", n)
	}
}

func TestJournalKeepsPerChatOrderAndForgetsHandledUpdates(t *testing.T) {
	api := newAPI(t)
	journal := newMemJournal()
	eng := newMenuEngine()
	eng.delay = time.Millisecond
	h := startBot(t, api, eng, "polling", func(c *Config) { c.Workers = 3; c.Journal = journal })
	checkPerChatOrder(t, h, eng, 6100, 20, 8)
	h.close()
	if n := journal.size(); n != 0 {
		t.Errorf("journal holds %d updates after every update was handled", n)
	}
	if journal.writes == 0 {
		t.Error("160 updates with a slow engine were never journaled: the offset waited for every one")
	}
}

func TestJournalDownKeepsTheOffsetBehindUnhandledUpdates(t *testing.T) {
	api := newAPI(t)
	journal := newMemJournal()
	journal.fail = errors.New("redis: connection refused")
	stuck := newMenuEngine()
	stuck.block = make(chan struct{})
	h := startBot(t, api, stuck, "polling", func(c *Config) { c.DrainTimeout = 100 * time.Millisecond; c.Journal = journal })
	api.Push(fakeapi.User{ID: 5300000012}.Text("/start"))
	eventually(t, "journal write refused", func() bool { return h.obs.count(kindMessage) == 1 && len(api.Calls("getUpdates")) >= 3 })
	h.close()
	if api.Pending() != 1 {
		t.Fatalf("Telegram holds %d updates; an update neither handled nor journaled was confirmed", api.Pending())
	}
}

func TestJournalEntryKeepsWhatHandlingNeedsAndNoName(t *testing.T) {
	for _, file := range []string{"start_deeplink.json", "text.json", "location.json", "contact.json", "callback_query.json",
		"my_chat_member_blocked.json", "staff_reply.json", "staff_fin.json", "voice.json", "staff_voice_reply.json"} {
		t.Run(file, func(t *testing.T) {
			u, err := decodeUpdate(fixture(t, file))
			if err != nil {
				t.Fatal(err)
			}
			e, err := encodeEntry(u)
			if err != nil {
				t.Fatal(err)
			}
			for _, personal := range []string{"Awa", "Fatou", "first_name", "username", "phone_number"} {
				if strings.Contains(string(e), personal) {
					t.Errorf("journal entry %s contains %q", e, personal)
				}
			}
			back, err := decodeEntry(e)
			if err != nil || !reflect.DeepEqual(back, u) {
				t.Fatalf("round trip = %+v, %v; want %+v", back, err, u)
			}
		})
	}
	if _, err := decodeEntry([]byte(`{"update_id":5}`)); err == nil {
		t.Error("a raw Telegram update was accepted as a journal entry")
	}
}
