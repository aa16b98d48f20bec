package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/flowstest"
	"github.com/samayoon/samayoon/locales"
)

// engineNow is the engine's fixed clock, so sessions written by different runs compare equal.
var engineNow = func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// newEngine builds a conversation engine (one "replica") over st with the repository catalog.
func newEngine(t testing.TB, st flows.Store) *flows.Engine {
	t.Helper()
	cat, err := catalog.Load("../catalog/catalog.yaml")
	if err != nil {
		t.Fatalf("load catalog: %v", err)
	}
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	e, err := flows.New(flows.Config{Store: st, Catalog: func() flows.Catalog { return cat },
		Bundle: bundle, Now: engineNow, TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// step is one user action; pick, when set, chooses a button from the previous replies.
type step struct {
	in   flows.Input
	pick string // choose the first offered choice id with this prefix
}

// cmd, choose and pickPrefix build journey steps.
func cmd(name string) step     { return step{in: flows.Input{Kind: flows.InputCommand, Command: name}} }
func choose(id string) step    { return step{in: flows.Input{Kind: flows.InputChoice, Choice: id}} }
func pickPrefix(p string) step { return step{pick: p} }
func text(s string) step       { return step{in: flows.Input{Kind: flows.InputText, Text: s}} }
func chatOf(i int) flows.Chat {
	return flows.Chat{ID: fmt.Sprintf("tg:53000%05d", i), PlatformLang: "fr"}
}
func updateID(i, k int) string { return fmt.Sprintf("%d", 700000+i*100+k) }
func render(rs []flows.Reply) string {
	b, _ := json.Marshal(rs)
	return string(b)
}

// journey is a full conversation: language, profile, place, need, an offer's details, back.
func journey(lang string) []step {
	return []step{cmd("start"), choose("l:" + lang), choose("p:retour"), choose("r:diourbel"),
		choose("d:mbacke"), choose("n:emploi"), pickPrefix("o:"), choose("back"), text("formation")}
}

// resolved turns a journey into concrete inputs and the replies a single serial engine gives.
type resolved struct {
	inputs  []flows.Input
	replies []string
	session []byte
}

// reference runs the steps serially on an in-memory store: the behaviour Redis must reproduce.
func reference(t testing.TB, chat flows.Chat, i int, steps []step) resolved {
	t.Helper()
	mem := flowstest.NewMemStore()
	e := newEngine(t, mem)
	var r resolved
	var last []flows.Reply
	for k, st := range steps {
		in := st.in
		if st.pick != "" {
			in = flows.Input{Kind: flows.InputChoice, Choice: firstChoice(t, last, st.pick)}
		}
		in.UpdateID = updateID(i, k)
		rs, err := e.Handle(context.Background(), chat, in)
		if err != nil {
			t.Fatalf("reference step %d: %v", k, err)
		}
		r.inputs, r.replies, last = append(r.inputs, in), append(r.replies, render(rs)), rs
	}
	r.session, _, _ = mem.Load(context.Background(), chat.ID, "")
	return r
}

// firstChoice finds the first button whose id starts with prefix.
func firstChoice(t testing.TB, rs []flows.Reply, prefix string) string {
	for _, r := range rs {
		for _, row := range r.Choices {
			for _, c := range row {
				if strings.HasPrefix(c.ID, prefix) {
					return c.ID
				}
			}
		}
	}
	t.Fatalf("no choice starting with %q in %s", prefix, render(rs))
	return ""
}

// sessionOf reads a chat's stored session through a Store.
func sessionOf(t testing.TB, s flows.Store, chat string) []byte {
	t.Helper()
	data, _, err := s.Load(context.Background(), chat, "")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// isDuplicate reports whether Handle refused an update as already handled.
func isDuplicate(err error) bool { return errors.Is(err, flows.ErrDuplicate) }
