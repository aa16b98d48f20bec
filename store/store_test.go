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
		{"latest update ids remembered", testSeenLimit},
		{"delete removes every key", testDelete},
		{"TTL set", testTTL},
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
					bed := &testBed{client: client, store: storeClient}
					tc.run(t, New(storeClient, Options{Logger: quietLogger()}), bed)
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

// testSeenLimit: the session remembers its chat's 4 latest handled update ids (numeric
// ones by value, others hashed); a fifth pushes out the oldest.
func testSeenLimit(t *testing.T, s *Store, _ *testBed) {
	ctx := context.Background()
	ids := []string{"900000001", "900000007", "console-3", "900000002", "900000010"}
	for i, id := range ids {
		if err := s.Save(ctx, chatA, id, []byte("x"), int64(i), time.Hour); err != nil {
			t.Fatalf("save %s: %v", id, err)
		}
		for _, old := range ids[max(0, i-3) : i+1] {
			if _, _, err := s.Load(ctx, chatA, old); !errors.Is(err, flows.ErrDuplicate) {
				t.Fatalf("after %s: Load(%s) = %v; want ErrDuplicate", id, old, err)
			}
		}
	}
	if _, rev, err := s.Load(ctx, chatA, ids[0]); err != nil || rev != 5 {
		t.Fatalf("the fifth update pushed out the first: Load = rev %d, %v; want 5, nil", rev, err)
	}
	if _, _, err := s.Load(ctx, chatA, "900000003"); err != nil {
		t.Fatalf("an update never handled: %v", err)
	}
	if err := s.Save(ctx, chatA, "", []byte("y"), 5, time.Hour); err != nil {
		t.Fatal(err) // a save without an update id keeps the ids
	}
	if _, _, err := s.Load(ctx, chatA, ids[4]); !errors.Is(err, flows.ErrDuplicate) {
		t.Fatalf("after a save without an id: %v; want ErrDuplicate", err)
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
	if other := keysOf(t, b.client, "*tg:5300000002*"); len(other) != 1 {
		t.Fatalf("other chat's keys = %q; want its session untouched", other)
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
	} {
		ttl, err := b.client.PTTL(ctx, c.key).Result()
		if err != nil || ttl < c.min || ttl > c.max {
			t.Errorf("PTTL %s = %v (%v); want in [%v, %v]", c.key, ttl, err, c.min, c.max)
		}
	}
}

func testKeySchema(t *testing.T, s *Store, b *testBed) {
	ctx := context.Background()
	if err := s.Save(ctx, chatA, "1", []byte(`{"v":1}`), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	keys := keysOf(t, b.client, "*")
	slices.Sort(keys)
	want := []string{"sy:{chat:tg:5300000001}:s"}
	if !slices.Equal(keys, want) {
		t.Fatalf("keys = %q; want %q", keys, want)
	}
	if err := s.Save(ctx, chatA, "", []byte(`{"v":2}`), 1, time.Hour); err != nil {
		t.Fatal(err)
	}
	if v, _ := b.client.Get(ctx, want[0]).Result(); v != "2:~1\x00\x00\x00\x01|{\"v\":2}" {
		t.Fatalf("stored value %q; want revision 2, update 1 and the session", v)
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
