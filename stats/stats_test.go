package stats

import (
	"bytes"
	"context"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/internal/testutil"
	"github.com/samayoon/samayoon/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testNow is the fixed clock of every test.
func testNow() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// sample is two days of counters as the engine records them.
func sample() map[string]map[string]int64 {
	return map[string]map[string]int64{
		"2026-11-28": {"start": 3, "source:none": 2, "source:affiche1": 1, "lang:fr": 2, "lang:wo": 1,
			"need:emploi": 2, "need:papiers": 1, "shown:anpej-emploi": 2, "nomatch:papiers:diourbel:mbacke": 1,
			"useful:yes:anpej-emploi": 1, "useful:no:faise-fse": 2, "useful:no:results-sante": 1},
		"2026-11-29": {"start": 2, "source:none": 2, "need:emploi": 1, "need:sante": 1,
			"nomatch:sante:kedougou:-": 2, "nomatch:papiers:diourbel:mbacke": 1,
			"problem:noanswer:faise-fse": 1, "problem:closed:baos-diourbel": 1, "problem:wrong:retired-offer": 1,
			"handoff:requested": 3, "handoff:answered": 2, "handoff:closed": 2,
			"handoff:first_answer:lt1h": 1, "handoff:first_answer:ge24h": 1},
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got, *update)
}

func TestReportRenders(t *testing.T) {
	cat, err := catalog.Load(filepath.Join("testdata", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	in := ReportInput{From: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC),
		Days: sample(), Catalog: cat, Now: testNow()}
	if err := WriteReport(&b, in); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.md", b.String())
}

func TestReportWithoutDataOrCatalog(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReport(&b, ReportInput{From: testNow(), To: testNow(), Now: testNow()}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Parcours commencés : 0", "Aucune recherche restée sans offre", "Aucun retour négatif",
		"n'a pas pu être lu"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestStatsFormats(t *testing.T) {
	from, to := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	var csvOut, md bytes.Buffer
	if err := WriteCSV(&csvOut, sample()); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, from, to, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "stats.csv", csvOut.String())
	golden(t, "stats.md", md.String())
}

// redisWith starts an embedded Redis holding the sample counters as store.Stats writes them.
func redisWith(t *testing.T) string {
	t.Helper()
	m := miniredis.RunT(t)
	for day, fields := range sample() {
		for f, n := range fields {
			m.HIncrBy("sy:stats:"+day, f, int(n))
		}
	}
	return "redis://" + m.Addr()
}

func TestMain_Commands(t *testing.T) {
	withRedis := Sources{Redis: store.Config{URL: redisWith(t)}, CatalogFile: filepath.Join("testdata", "catalog.yaml")}
	none := Sources{}
	cases := []struct {
		name   string
		args   []string
		src    Sources
		code   int
		stdout string // a line the output must contain
		stderr string
	}{
		{"stats csv", []string{"stats", "--from", "2026-11-28", "--to", "2026-11-29", "--format", "csv"}, withRedis, 0,
			"2026-11-29,nomatch,sante:kedougou:-,2", ""},
		{"stats markdown default period", []string{"stats"}, withRedis, 0, "| emploi | 3 |", ""},
		{"stats outside the period", []string{"stats", "--from", "2026-10-01", "--to", "2026-10-31"}, withRedis, 0,
			"(0 jour(s) avec activité)", ""},
		{"report", []string{"report", "--to", "2026-11-29"}, withRedis, 0, "| papiers | diourbel | mbacke | 2 |", ""},
		{"report has no format flag", []string{"report", "--format", "csv"}, withRedis, 2, "", "flag provided but not defined"},
		{"bad date", []string{"stats", "--from", "29/11/2026"}, withRedis, 2, "", "--from must be a date"},
		{"reversed period", []string{"stats", "--from", "2026-11-29", "--to", "2026-11-01"}, withRedis, 2, "", "--from is after --to"},
		{"bad format", []string{"stats", "--format", "xlsx"}, withRedis, 2, "", "--format must be csv or markdown"},
		{"no redis configured", []string{"stats"}, none, 1, "", "REDIS_URL is not set"},
		{"unknown subcommand", []string{"other"}, none, 2, "", "stats or report"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main(context.Background(), tc.args, tc.src, &out, &errOut, testNow())
			if code != tc.code || !strings.Contains(out.String(), tc.stdout) || !strings.Contains(errOut.String(), tc.stderr) {
				t.Errorf("code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errOut.String())
			}
		})
	}
}

func TestOutputsHoldOnlyCounters(t *testing.T) {
	var b bytes.Buffer
	for _, w := range []func(io.Writer) error{
		func(w io.Writer) error { return WriteCSV(w, sample()) },
		func(w io.Writer) error { return WriteMarkdown(w, testNow(), testNow(), sample()) },
		func(w io.Writer) error { return WriteReport(w, ReportInput{Days: sample(), Now: testNow()}) },
	} {
		if err := w(&b); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(b.String(), "tg:") || strings.Contains(b.String(), "<") {
		t.Errorf("output carries something that is not a counter:\n%s", b.String())
	}
}
