package web

import (
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/internal/testutil"
)

// testCatalog copies the shipped catalog into a temporary directory.
func testCatalog(t *testing.T) string {
	t.Helper()
	return testutil.CopyToTemp(t, "../catalog/catalog.yaml")
}

// entryForm reads an entry's form values from the file.
func entryForm(t *testing.T, path, list, id string, fields []field) (url.Values, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseDoc(data)
	if err != nil {
		t.Fatal(err)
	}
	_, n := d.find(list, id)
	if n == nil {
		t.Fatalf("no %s %q", list, id)
	}
	vals := url.Values{}
	formValues(fields, "", n, vals)
	return vals, versionOf(data)
}

func fixedNow() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }

func TestSaveKeepsEveryOtherByte(t *testing.T) {
	path := testCatalog(t)
	before, _ := os.ReadFile(path)
	ed := newEditor(path, fixedNow)
	fields := offerFields(nil)
	vals, version := entryForm(t, path, "offers", "anpej-emploi", fields)
	vals.Set("phones.0.number", "+221000000000")
	out, err := ed.save("awa", "offers", "anpej-emploi", version, fields, vals)
	if err != nil || !out.Saved {
		t.Fatalf("save: %+v %v", out, err)
	}
	after, _ := os.ReadFile(path)
	d0, _ := parseDoc(before)
	d1, _ := parseDoc(after)
	i, _ := d0.find("offers", "anpej-emploi")
	s0, e0 := d0.span("offers", i)
	s1, e1 := d1.span("offers", i)
	if string(before[:s0]) != string(after[:s1]) || string(before[e0:]) != string(after[e1:]) {
		t.Fatal("bytes outside the edited entry changed")
	}
	oldEntry, newEntry := string(before[s0:e0]), string(after[s1:e1])
	if !strings.Contains(newEntry, "+221000000000") {
		t.Fatalf("new phone not written:\n%s", newEntry)
	}
	// Only the phone lines may differ; comments of the entry itself stay.
	if got, want := strings.Count(newEntry, "# wo: à relire"), strings.Count(oldEntry, "# wo: à relire"); got != want {
		t.Errorf("the entry's review comments: %d, want %d\n%s", got, want, newEntry)
	}
	if want := strings.Replace(oldEntry, "    website:", "    phones:\n      - number: \"+221000000000\"\n    website:", 1); newEntry != want {
		t.Errorf("entry:\n%s\nwant:\n%s", newEntry, want)
	}
	unchanged, _ := entryForm(t, path, "offers", "anpej-emploi", fields)
	for _, k := range []string{"phones.0.number", "phones.0.label.fr", "phones.0.label.wo"} {
		unchanged.Del(k)
	}
	vals.Del("phones.0.number")
	vals.Del("phones.0.label.fr")
	vals.Del("phones.0.label.wo")
	if unchanged.Encode() != vals.Encode() {
		t.Errorf("other fields changed:\n%s\n%s", unchanged.Encode(), vals.Encode())
	}
}

func TestSaveRoundTripIsByteIdentical(t *testing.T) {
	path := testCatalog(t)
	before, _ := os.ReadFile(path)
	ed := newEditor(path, fixedNow)
	for _, c := range []struct {
		list   string
		fields []field
	}{{"offers", offerFields(nil)}, {"organizations", orgFields()}, {"info_pages", pageFields()}} {
		d, _ := parseDoc(before)
		for _, item := range d.list(c.list).Content {
			id := catalog.NodeValue(item, "id").Value
			vals, version := entryForm(t, path, c.list, id, c.fields)
			vals.Set("verified", "2026-12-01")
			out, err := ed.save("awa", c.list, id, version, c.fields, vals)
			if err != nil || !out.Saved {
				t.Fatalf("%s %s: %+v %v", c.list, id, out.Problems, err)
			}
		}
	}
	after, _ := os.ReadFile(path)
	want := regexp.MustCompile(`verified: \d{4}-\d{2}-\d{2}`).ReplaceAllString(string(before), "verified: 2026-12-01")
	if string(after) != want {
		t.Errorf("re-saving every entry changed more than its date")
		diffLines(t, want, string(after))
	}
}

// diffLines logs the first lines that differ.
func diffLines(t *testing.T, a, b string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	shown := 0
	for i := 0; i < len(al) && i < len(bl) && shown < 8; i++ {
		if al[i] != bl[i] {
			t.Logf("line %d:\n want %q\n got  %q", i+1, al[i], bl[i])
			shown++
		}
	}
}

func TestNewWolofIsMarkedForReview(t *testing.T) {
	path := testCatalog(t)
	ed := newEditor(path, fixedNow)
	fields := offerFields(nil)
	vals, version := entryForm(t, path, "offers", "anpej-emploi", fields)
	vals.Set("cost.wo", "TEST-WO")
	vals.Set("name.wo", "ANPEJ : ndimbal ngir am liggéey") // unchanged: its comment stays as it was
	out, err := ed.save("awa", "offers", "anpej-emploi", version, fields, vals)
	if err != nil || !out.Saved {
		t.Fatalf("save: %+v %v", out.Problems, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `wo: "TEST-WO" # wo: à relire par un locuteur natif`) {
		d, _ := parseDoc(data)
		i, _ := d.find("offers", "anpej-emploi")
		t.Fatalf("new Wolof not marked for review:\n%s", d.entryText("offers", i))
	}
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"same", "a\nb\n", "a\nb\n", " a| b"},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", " a|-b|+B| c"},
		{"added", "", "a\n", "+a"},
		{"removed", "a\nb\n", "a\n", " a|-b"},
	}
	for _, tc := range tests {
		var got []string
		for _, l := range lineDiff(tc.a, tc.b) {
			got = append(got, l.Op+l.Text)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, strings.Join(got, "|"), tc.want)
		}
	}
}

func TestConcurrentSavesOneWins(t *testing.T) {
	path := testCatalog(t)
	ed := newEditor(path, fixedNow)
	fields := offerFields(nil)
	vals, version := entryForm(t, path, "offers", "anpej-emploi", fields)
	outs := make(chan outcome, 2)
	for _, cost := range []string{"Gratuit (a).", "Gratuit (b)."} {
		v := url.Values{}
		for k, x := range vals {
			v[k] = x
		}
		v.Set("cost.fr", cost)
		go func() {
			out, err := ed.save("awa", "offers", "anpej-emploi", version, fields, v)
			if err != nil {
				t.Error(err)
			}
			outs <- out
		}()
	}
	a, b := <-outs, <-outs
	if a.Saved == b.Saved || (a.Conflict == nil) == (b.Conflict == nil) {
		t.Fatalf("two saves from one version: saved %v/%v, conflict %v/%v; want exactly one of each", a.Saved, b.Saved, a.Conflict != nil, b.Conflict != nil)
	}
}
