package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/samayoon/samayoon/flows"
)

const chatA = "tg:5300000001"

// TestStore runs every behaviour on a real redis-server and on miniredis.
func TestStore(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, s *Store, b *testBed)
	}{
		{"round trip", testRoundTrip},
		{"empty chat loads nothing", testEmpty},
		{"CAS conflict between two writers", testConflict},
		{"duplicate update refused", testDuplicate},
		{"dedupe window expires", testDedupeWindow},
		{"delete removes every key", testDelete},
		{"TTL set on both keys", testTTL},
		{"key schema", testKeySchema},
		{"malformed value restarts the session", testCorrupt},
		{"two round trips per update", testRoundTrips},
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			storeClient, client := b.start(t)
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					if err := client.FlushAll(context.Background()).Err(); err != nil {
						t.Fatal(err)
					}
					bed := &testBed{client: client, store: storeClient, clock: newClock()}
					tc.run(t, New(storeClient, Options{Logger: quietLogger(), Now: bed.clock.Now}), bed)
				})
			}
		})
	}
}

func testRoundTrip(t *testing.T, s *Store, _ *testBed) {
	ctx := context.Background()
	want := []byte(`{"v":1,"st":"need","lang":"wo","reg":"diourbel"}`)
	if err := s.Save(ctx, chatA, "u1", want, 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	got, rev, err := s.Load(ctx, chatA, "u2")
	if err != nil || rev != 1 || string(got) != string(want) {
		t.Fatalf("Load = %q, %d, %v; want %q, 1, nil", got, rev, err, want)
	}
	if err := s.Save(ctx, chatA, "u2", []byte("x|y"), rev, time.Hour); err != nil {
		t.Fatal(err)
	}
	got, rev, err = s.Load(ctx, chatA, "")
	if err != nil || rev != 2 || string(got) != "x|y" {
		t.Fatalf("second Load = %q, %d, %v; want \"x|y\", 2, nil", got, rev, err)
	}
}

func testEmpty(t *testing.T, s *Store, _ *testBed) {
	got, rev, err := s.Load(context.Background(), chatA, "u1")
	if got != nil || rev != 0 || err != nil {
		t.Fatalf("Load = %q, %d, %v; want nil, 0, nil", got, rev, err)
	}
}

func testConflict(t *testing.T, s *Store, _ *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "", []byte("base"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	_, revA, _ := s.Load(ctx, chatA, "a")
	_, revB, _ := s.Load(ctx, chatA, "b")
	if err := s.Save(ctx, chatA, "a", []byte("A"), revA, time.Hour); err != nil {
		t.Fatalf("first writer: %v", err)
	}
	err := s.Save(ctx, chatA, "b", []byte("B"), revB, time.Hour)
	if !errors.Is(err, flows.ErrConflict) {
		t.Fatalf("second writer: %v; want ErrConflict", err)
	}
	if got, _, _ := s.Load(ctx, chatA, ""); string(got) != "A" {
		t.Fatalf("stored %q; the loser overwrote the winner", got)
	}
	if err := s.Save(ctx, chatA, "", []byte("new"), 0, time.Hour); !errors.Is(err, flows.ErrConflict) {
		t.Fatalf("create over an existing session: %v; want ErrConflict", err)
	}
}

func testDuplicate(t *testing.T, s *Store, _ *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "u7", []byte("one"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Load(ctx, chatA, "u7"); !errors.Is(err, flows.ErrDuplicate) {
		t.Fatalf("Load of a handled update: %v; want ErrDuplicate", err)
	}
	if err := s.Save(ctx, chatA, "u7", []byte("two"), 1, time.Hour); !errors.Is(err, flows.ErrDuplicate) {
		t.Fatalf("Save of a handled update: %v; want ErrDuplicate", err)
	}
	if got, rev, _ := s.Load(ctx, chatA, "u8"); string(got) != "one" || rev != 1 {
		t.Fatalf("after duplicate: %q rev %d; want \"one\" rev 1", got, rev)
	}
	if _, _, err := s.Load(ctx, "tg:other", "u7"); err != nil {
		t.Fatalf("update ids are per chat, got %v", err)
	}
}

func testDedupeWindow(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "u1", []byte("one"), 0, 48*time.Hour); err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(24 * time.Hour)
	if _, _, err := s.Load(ctx, chatA, "u1"); !errors.Is(err, flows.ErrDuplicate) {
		t.Fatalf("after 24h: %v; want ErrDuplicate", err)
	}
	b.clock.Advance(90 * time.Minute)
	if _, _, err := s.Load(ctx, chatA, "u1"); err != nil {
		t.Fatalf("after 25h30: %v; want nil", err)
	}
	if err := s.Save(ctx, chatA, "u2", []byte("two"), 1, 48*time.Hour); err != nil {
		t.Fatal(err)
	}
	n, err := b.client.ZCard(ctx, s.keys(chatA).dedupe).Result()
	if err != nil || n != 1 {
		t.Fatalf("dedupe set has %d entries (%v); want the expired one trimmed", n, err)
	}
}

func testDelete(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	for _, chat := range []string{chatA, "tg:5300000002"} {
		if err := s.Save(ctx, chat, "u1", []byte("x"), 0, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(ctx, chatA); err != nil {
		t.Fatal(err)
	}
	if left := keysOf(t, b.client, "*"+chatA+"*"); len(left) != 0 {
		t.Fatalf("keys left after Delete: %q", left)
	}
	if other := keysOf(t, b.client, "*tg:5300000002*"); len(other) != 2 {
		t.Fatalf("other chat's keys = %q; want its 2 keys untouched", other)
	}
	if got, rev, err := s.Load(ctx, chatA, "u1"); got != nil || rev != 0 || err != nil {
		t.Fatalf("Load after Delete = %q, %d, %v", got, rev, err)
	}
}

func testTTL(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "u1", []byte("x"), 0, 30*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	k := s.keys(chatA)
	for _, c := range []struct {
		key      string
		min, max time.Duration
	}{
		{k.session, 30*24*time.Hour - time.Minute, 30 * 24 * time.Hour},
		{k.dedupe, 25*time.Hour - time.Minute, 25 * time.Hour},
	} {
		ttl, err := b.client.PTTL(ctx, c.key).Result()
		if err != nil || ttl < c.min || ttl > c.max {
			t.Errorf("PTTL %s = %v (%v); want in [%v, %v]", c.key, ttl, err, c.min, c.max)
		}
	}
}

func testKeySchema(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "u1", []byte(`{"v":1}`), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	keys := keysOf(t, b.client, "*")
	slices.Sort(keys)
	want := []string{"sy:{chat:tg:5300000001}:s", "sy:{chat:tg:5300000001}:u"}
	if !slices.Equal(keys, want) {
		t.Fatalf("keys = %q; want %q", keys, want)
	}
	if v, _ := b.client.Get(ctx, want[0]).Result(); v != `1|{"v":1}` {
		t.Fatalf("stored value %q; want %q", v, `1|{"v":1}`)
	}
}

func testCorrupt(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := b.client.Set(ctx, s.keys(chatA).session, "garbage", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	got, rev, err := s.Load(ctx, chatA, "u1")
	if got != nil || rev != 0 || err != nil {
		t.Fatalf("Load of malformed = %q, %d, %v; want nil, 0, nil", got, rev, err)
	}
	if err := s.Save(ctx, chatA, "u1", []byte("fresh"), 0, time.Hour); err != nil {
		t.Fatalf("Save over malformed: %v", err)
	}
	if got, rev, _ := s.Load(ctx, chatA, ""); string(got) != "fresh" || rev != 1 {
		t.Fatalf("after heal: %q rev %d", got, rev)
	}
}

func testRoundTrips(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, "tg:warmup", "w", []byte("x"), 0, time.Hour); err != nil {
		t.Fatal(err) // loads the script once, as a long-running process has
	}
	hook := &countHook{}
	b.store.AddHook(hook)
	rev := int64(0)
	for i, upd := range []string{"u1", "u2", "u3"} {
		before := hook.trips.Load()
		_, r, err := s.Load(ctx, chatA, upd)
		if err != nil || r != rev {
			t.Fatalf("update %d: Load rev %d err %v", i, r, err)
		}
		if err := s.Save(ctx, chatA, upd, []byte("state"), r, time.Hour); err != nil {
			t.Fatal(err)
		}
		rev++
		if n := hook.trips.Load() - before; n > 2 {
			t.Fatalf("update %d took %d round trips; want at most 2", i, n)
		}
	}
}
