package store

import (
	"context"
	"sync"
	"testing"

	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/flowstest"
	"github.com/samayoon/samayoon/internal/redistest"
)

// replicas are two engines sharing one real Redis, as two webhook processes would.
func replicas(t *testing.T, srv *redistest.Server) (*Store, [2]*flows.Engine) {
	t.Helper()
	st := New(srv.Client(t), Options{Logger: quietLogger()})
	other := New(srv.Client(t), Options{Logger: quietLogger()})
	return st, [2]*flows.Engine{newEngine(t, st), newEngine(t, other)}
}

// TestReplicasAnswerEachUpdateOnce delivers every update of many chats to both replicas at
// once (a webhook retry racing the original): exactly one answers, as the serial engine would.
func TestReplicasAnswerEachUpdateOnce(t *testing.T) {
	st, eng := replicas(t, redistest.Start(t))
	const chats = 6
	var wg sync.WaitGroup
	for i := range chats {
		chat, lang := chatOf(i), []string{"fr", "wo"}[i%2]
		ref := reference(t, chat, i, journey(lang))
		wg.Go(func() {
			for k, in := range ref.inputs {
				got := bothAtOnce(eng, chat, in, in)
				answered := 0
				for r, res := range got {
					switch {
					case res.err == nil:
						answered++
						if render(res.replies) != ref.replies[k] {
							t.Errorf("chat %d step %d replica %d: replies differ from the serial run", i, k, r)
						}
					case !isDuplicate(res.err):
						t.Errorf("chat %d step %d replica %d: %v", i, k, r, res.err)
					}
				}
				if answered != 1 {
					t.Errorf("chat %d step %d answered %d times; want exactly once", i, k, answered)
				}
			}
			if got := sessionOf(t, st, chat.ID); string(got) != string(ref.session) {
				t.Errorf("chat %d final session %s; serial run ends with %s", i, got, ref.session)
			}
		})
	}
	wg.Wait()
}

// TestReplicasSerializeConflictingUpdates sends two different answers of the same chat to
// the two replicas at once: both are answered, and the outcome is one of the serial orders.
func TestReplicasSerializeConflictingUpdates(t *testing.T) {
	st, eng := replicas(t, redistest.Start(t))
	const chats = 8
	var wg sync.WaitGroup
	for i := range chats {
		chat := chatOf(100 + i)
		base := []step{cmd("start")}
		a, b := choose("l:fr"), choose("l:wo")
		ab := reference(t, chat, i, append(base, a, b))
		ba := reference(t, chat, i, append(base, b, a))
		wg.Go(func() {
			if _, err := eng[0].Handle(context.Background(), chat, ab.inputs[0]); err != nil {
				t.Error(err)
				return
			}
			inA, inB := ab.inputs[1], ab.inputs[2] // the same update ids as in ba, swapped
			got := bothAtOnce(eng, chat, inA, inB)
			for r, res := range got {
				if res.err != nil {
					t.Errorf("chat %d replica %d: %v", i, r, res.err)
					return
				}
			}
			final := sessionOf(t, st, chat.ID)
			rA, rB := render(got[0].replies), render(got[1].replies)
			abOK := rA == ab.replies[1] && rB == ab.replies[2] && string(final) == string(ab.session)
			baOK := rB == ba.replies[1] && rA == ba.replies[2] && string(final) == string(ba.session)
			if !abOK && !baOK {
				t.Errorf("chat %d: outcome matches no serial order; final %s", i, final)
			}
		})
	}
	wg.Wait()
}

// result is one replica's answer to one update.
type result struct {
	replies []flows.Reply
	err     error
}

// bothAtOnce hands inA to replica 0 and inB to replica 1 concurrently.
func bothAtOnce(eng [2]*flows.Engine, chat flows.Chat, inA, inB flows.Input) [2]result {
	var out [2]result
	var wg sync.WaitGroup
	for r, in := range []flows.Input{inA, inB} {
		wg.Go(func() {
			out[r].replies, out[r].err = eng[r].Handle(context.Background(), chat, in)
		})
	}
	wg.Wait()
	return out
}

// TestJourneySurvivesRedisOutage stops Redis (AOF on) mid-journey: Handle fails cleanly with an
// unavailable error and the channel's apology meanwhile, then the journey completes after the
// restart exactly as the serial run, with nothing from before the outage lost.
func TestJourneySurvivesRedisOutage(t *testing.T) {
	srv := redistest.Start(t, redistest.WithAOF())
	client, err := Open(context.Background(), Config{URL: srv.URL()}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	st := New(client, Options{Logger: quietLogger()})
	eng := newEngine(t, st)
	chat := chatOf(7)
	ref := reference(t, chat, 7, journey("wo"))
	const outageAt = 4
	handle := func(k int) {
		t.Helper()
		rs, err := eng.Handle(context.Background(), chat, ref.inputs[k])
		if err != nil || render(rs) != ref.replies[k] {
			t.Fatalf("step %d: err %v; replies differ from the serial run: %v", k, err, render(rs) != ref.replies[k])
		}
	}
	for k := range outageAt {
		handle(k)
	}

	srv.Stop()
	for range 3 { // the channel retries; each attempt fails the same clean way
		rs, err := eng.Handle(context.Background(), chat, ref.inputs[outageAt])
		if err == nil || !IsUnavailable(err) || rs != nil {
			t.Fatalf("Handle with Redis down = %d replies, %v; want no replies and an unavailable error", len(rs), err)
		}
	}
	if apology := eng.Unavailable(chat); len(apology) != 1 || apology[0].Text == "" {
		t.Fatalf("no apology for the channel: %+v", apology)
	}

	srv.Restart()
	for k := outageAt; k < len(ref.inputs); k++ {
		handle(k)
	}
	if got := sessionOf(t, st, chat.ID); string(got) != string(ref.session) {
		t.Fatalf("final session %s; serial run ends with %s", got, ref.session)
	}
	if _, err := eng.Handle(context.Background(), chat, ref.inputs[len(ref.inputs)-1]); !isDuplicate(err) {
		t.Fatalf("the last update, redelivered after the outage, handled again: %v", err)
	}
}

// TestEngineSessionsStayCompact checks every session the engine writes on full journeys in
// both languages, stored with a two-digit revision and 4 update ids, takes at most 60 bytes:
// Redis then keeps it in one 136-byte allocation with its key (MEMORY USAGE), under the
// 192-byte budget; 64 bytes and more would cost 152 B.
func TestEngineSessionsStayCompact(t *testing.T) {
	mem := flowstest.NewMemStore()
	eng := newEngine(t, mem)
	c := newCodec([]byte(DefaultDictionary))
	for i, lang := range []string{"fr", "wo"} {
		chat := chatOf(200 + i)
		last := []flows.Reply(nil)
		for k, st := range journey(lang) {
			in := st.in
			if st.pick != "" {
				in = flows.Input{Kind: flows.InputChoice, Choice: firstChoice(t, last, st.pick)}
			}
			in.UpdateID = updateID(i, k)
			rs, err := eng.Handle(context.Background(), chat, in)
			if err != nil {
				t.Fatal(err)
			}
			last = rs
		}
	}
	longest := 0
	for _, data := range mem.Saved() {
		n := 2 + 2 + 4*seenKeep + len(c.encode(data)) // "12~4", the ids, the session
		if n > 60 {
			t.Errorf("session %s is stored in %d bytes; want <= 60", data, n)
		}
		longest = max(longest, n)
	}
	t.Logf("%d sessions, longest stored value %d bytes", len(mem.Saved()), longest)
}
