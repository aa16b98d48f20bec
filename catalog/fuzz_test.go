package catalog

import (
	"errors"
	"os"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(baseYAML))
	f.Add([]byte("version: [\n"))
	f.Add([]byte("offers: *a\n"))
	f.Add([]byte("- 1\n"))
	if data, err := os.ReadFile("testdata/valid.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		var ve *ValidationError
		switch {
		case err == nil && c == nil:
			t.Fatal("nil catalog without error")
		case err != nil && !errors.As(err, &ve):
			t.Fatalf("error is not a *ValidationError: %v", err)
		case err != nil && len(ve.Problems) == 0:
			t.Fatal("ValidationError without problems")
		case err == nil:
			c.Search("emploi", testNow, 5)
			c.Match(Query{Need: NeedJob, Region: "diourbel", Now: testNow})
		}
	})
}
