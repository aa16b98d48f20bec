package flows

import (
	"context"
	"log/slog"
	"math"
	"sync"
	"testing"

	"github.com/samayoon/samayoon/locales"
)

// FuzzHandle feeds random inputs to random stored sessions: Handle must never panic, must
// always reply, must log no error and must leave a valid session (or none) behind.
func FuzzHandle(f *testing.F) {
	seeds := []struct {
		stored string
		kind   uint8
		text   string
		lat    float64
	}{
		{"", 3, "start", 0},
		{`{"v":1,"s":"need","l":"wo","p":"retour","r":"diourbel","d":"mbacke","t":1}`, 2, "n:emploi", 0},
		{`{"v":1,"s":"results","l":"fr","p":"jeune","r":"dakar","n":"migration","t":1}`, 2, "i:voies-legales", 0},
		{`{"v":1,"s":"region","l":"fr","p":"jeune","t":1}`, 4, "", 14.7},
		{`{"v":1,"s":"forget","l":"fr","t":1}`, 1, "oui", 0},
		{`{"v":1,"s":"profile","l":"fr","t":1}`, 3, "start l-wo_d-mbacke_n-sante", 0},
		{`{"v":1,"s":"details","o":"anpej-emploi","t":1}`, 2, "back", math.NaN()},
		{"\xff garbage", 1, "formation à Touba", 0},
		{`{"v":1,"s":"thread","l":"wo","n":"parler","h":"ABCDEF","ho":1,"t":1}`, 4, "ABCDEF", 0},
		{`{"v":1,"s":"thread","l":"fr","n":"parler","h":"ABCDEF","ho":1,"t":1}`, 5, "ABCDEF", 0},
		{`{"v":1,"s":"write","l":"fr","n":"parler","t":1}`, 0, "Bonjour", 0},
		{`{"v":1,"s":"thread","l":"fr","n":"parler","h":"ABCDEF","ho":1,"t":1}`, 6, "+221 00 000 00 00", 0},
	}
	for _, s := range seeds {
		f.Add(s.stored, s.kind, s.text, s.lat, -16.0, true)
	}
	b, err := locales.NewBundle()
	if err != nil {
		f.Fatal(err)
	}
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, stored string, kind uint8, text string, lat, lon float64, locate bool) {
		st := newMemStore()
		if stored != "" {
			st.data["t:f"], st.rev["t:f"] = []byte(stored), 1
		}
		e, err := New(Config{Store: st, Catalog: func() Catalog { return cat }, Bundle: b, Now: testNow,
			Logger: slog.New(failOnError{t: t, mu: &sync.Mutex{}})})
		if err != nil {
			t.Fatal(err)
		}
		in := Input{Kind: InputKind(kind%8 + 1), Text: text, Choice: text, Point: Point{Lat: lat, Lon: lon},
			Thread: text, Phone: text}
		in.Command, in.Args = splitCommand(text)
		rs, err := e.Handle(context.Background(), Chat{ID: "t:f", PlatformLang: text, CanLocate: locate}, in)
		if err != nil {
			t.Fatalf("Handle: %v", err)
		}
		if in.Kind != InputRemind {
			checkReplies(t, text, rs)
		}
		if st.saves > 0 || stored == "" {
			checkSession(t, st.stored("t:f")) // staff posts and reminders leave a bad session alone
		}
	})
}

// splitCommand cuts "cmd args" like a channel would.
func splitCommand(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}
