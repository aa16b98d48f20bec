package catalog

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestCSVRoundTrip(t *testing.T) {
	for _, path := range []string{"testdata/valid.yaml", "catalog.yaml"} {
		t.Run(path, func(t *testing.T) {
			orig := mustLoad(t, path)
			var buf bytes.Buffer
			if err := ExportCSV(&buf, orig); err != nil {
				t.Fatal(err)
			}
			y, err := ImportCSV(&buf)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, y)
			}
			back, err := Parse("back.yaml", y)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(orig.Orgs(), back.Orgs()) {
				t.Errorf("organizations differ after round trip")
			}
			if !reflect.DeepEqual(orig.Offers(), back.Offers()) {
				for i, o := range orig.Offers() {
					if !reflect.DeepEqual(o, back.Offers()[i]) {
						t.Errorf("offer %s differs:\n%+v\n%+v", o.ID, o, back.Offers()[i])
					}
				}
			}
			if !reflect.DeepEqual(orig.AllInfoPages(), back.AllInfoPages()) {
				t.Errorf("info pages differ after round trip")
			}
		})
	}
}

func TestImportCSVErrors(t *testing.T) {
	cases := []struct{ name, csv, want string }{
		{"unknown kind", "kind,id\nthing,x\n", "ligne 2"},
		{"bad date", "kind,id,verified\norganization,x,29/11/2026\n", "date invalide"},
		{"bad json", "kind,id,phones\norganization,x,{oops\n", "JSON invalide"},
		{"invalid catalog", "kind,id,status\noffer,x,active\n", "la liste « needs » est vide"},
		{"empty", "", "en-tête"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ImportCSV(strings.NewReader(tc.csv))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
