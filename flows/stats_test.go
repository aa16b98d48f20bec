package flows

import (
	"context"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// countingRecorder is a fake Recorder that adds up fields per day, like the Redis hashes.
type countingRecorder struct {
	mu   sync.Mutex
	days map[string]map[string]int
}

// Record adds one to each field of day.
func (r *countingRecorder) Record(_ context.Context, day string, fields ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.days == nil {
		r.days = map[string]map[string]int{}
	}
	if r.days[day] == nil {
		r.days[day] = map[string]int{}
	}
	for _, f := range fields {
		r.days[day][f]++
	}
}

// fields lists every recorded "field=count" of the test day, sorted.
func (r *countingRecorder) fields() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for f, n := range r.days[Day(testNow())] {
		out = append(out, f+"="+strconv.Itoa(n))
	}
	sort.Strings(out)
	return out
}

// newRecordingEngine is newTestEngine with a counting Recorder.
func newRecordingEngine(t *testing.T) (*Engine, *memStore, *countingRecorder) {
	return newStaffEngine(t, false)
}

func TestStatisticsOfJourneys(t *testing.T) {
	fr := Chat{ID: "tg:5300000001", PlatformLang: "fr-FR", CanLocate: true}
	cases := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"results and details", []string{"/start", "[Français]", "[🧳 Migrant de retour]", "[Diourbel]", "[Mbacké]",
			"[💼 Emploi]", "[ℹ️ 1]", "[⬅️ Retour]"},
			[]string{"dept:mbacke=1", "details:exemple-mbacke-emploi=1", "lang:fr=1", "need:emploi=1", "profile:retour=1",
				"region:diourbel=1", "shown:anpej-emploi=1", "shown:ard-diourbel-concertation=1",
				"shown:baos-diourbel=1", "shown:baos-regions=1", "shown:exemple-mbacke-emploi=1", "source:none=1", "start=1"}},
		{"deep link with a poster code", []string{"/start l-wo_r-dakar_n-formation_s-affiche1", "[🧑 Ndaw]"},
			[]string{"lang:wo=1", "need:formation=1", "profile:jeune=1", "region:dakar=1", "shown:3fpt-formation=1",
				"shown:anpej-csaem=1", "shown:baos-regions=1", "source:affiche1=1", "start=1"}},
		{"unmet demand", []string{"/start", "[Français]", "[👪 Famille de migrant]", "@14.80,-15.90", "[📄 Papiers, état civil]"},
			[]string{"dept:mbacke=1", "lang:fr=1", "need:papiers=1", "nomatch:papiers:diourbel:mbacke=1", "profile:famille=1",
				"region:diourbel=1", "source:none=1", "start=1"}},
		{"stale presses count nothing more", []string{"/start", "[Français]", "!r:dakar", "!o:plus-la", "/aide"},
			[]string{"lang:fr=1", "source:none=1", "start=1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, st, rec := newRecordingEngine(t)
			c := &conversation{t: t, e: e, st: st, chat: fr}
			for _, line := range tc.lines {
				c.say(line)
			}
			if got := rec.fields(); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("counters:\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestStatisticsCountAnUpdateOnce(t *testing.T) {
	e, _, rec := newRecordingEngine(t)
	chat := Chat{ID: "tg:42", PlatformLang: "fr"}
	in := Input{Kind: InputCommand, Command: "start", UpdateID: "7"}
	if _, err := e.Handle(context.Background(), chat, in); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Handle(context.Background(), chat, in); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("second delivery: %v, want ErrDuplicate", err)
	}
	if got := rec.fields(); strings.Join(got, " ") != "source:none=1 start=1" {
		t.Errorf("counters after a duplicate: %v", got)
	}
}

func TestStatisticsHoldNoIdentifiers(t *testing.T) {
	e, st, rec := newRecordingEngine(t)
	chat := Chat{ID: "tg:987654321", PlatformLang: "fr", CanLocate: true}
	c := &conversation{t: t, e: e, st: st, chat: chat}
	secrets := []string{"987654321", "aminata", "771234567", "14.80", "15.90"}
	for _, line := range []string{"/start s-affiche2", "[Français]", "Je suis Aminata, 77 123 45 67", "[🧑 Jeune]",
		"@14.80,-15.90", "[💼 Emploi]", "[ℹ️ 1]", "formation professionnelle", "/oublier", "[✅ Oui, effacer]"} {
		c.say(line)
	}
	safe := regexp.MustCompile(`^[a-z0-9:_-]{1,80}=\d+$`)
	got := rec.fields()
	if len(got) < 5 {
		t.Fatalf("too few counters to be meaningful: %v", got)
	}
	for _, f := range got {
		if !safe.MatchString(f) {
			t.Errorf("field %q is not a bounded name", f)
		}
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(f), s) {
				t.Errorf("field %q contains %q", f, s)
			}
		}
	}
}

// nopRecorder discards statistics, to measure the engine's own cost of counting.
type nopRecorder struct{}

// Record does nothing.
func (nopRecorder) Record(context.Context, string, ...string) {}

// BenchmarkHandleRecorded is the results step with statistics on: the extra catalog match
// that counts the offers shown, and the fields handed to the Recorder.
func BenchmarkHandleRecorded(b *testing.B) {
	for _, rec := range []struct {
		name string
		r    Recorder
	}{{"off", nil}, {"on", nopRecorder{}}} {
		b.Run(rec.name, func(b *testing.B) {
			e, st := newTestEngine(b)
			e.cfg.Recorder = rec.r
			data, err := encodeSession(session{Version: schemaVersion, State: stNeed, Lang: "wo", Profile: "retour", Region: "diourbel", Department: "mbacke"})
			if err != nil {
				b.Fatal(err)
			}
			chat, ctx := Chat{ID: "t:b", PlatformLang: "fr"}, context.Background()
			b.ReportAllocs()
			for b.Loop() {
				st.data[chat.ID], st.rev[chat.ID] = data, 1
				if _, err := e.Handle(ctx, chat, Input{Kind: InputChoice, Choice: "n:emploi"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
