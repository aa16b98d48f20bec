package bot

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzResultItems: wherever encoding/json reads the result list, the one-pass splitter finds
// the same elements, byte for byte; on any other input it does not panic.
func FuzzResultItems(f *testing.F) {
	for _, seed := range []string{
		`{"ok":true,"result":[]}`,
		`{"ok":true,"result":[{"update_id":1,"message":{"text":"a,]}\"\\"}},{"update_id":2}]}`,
		`{"ok":true,"result":[ 1 , "x,y" , [2,[3]] , {"a":{"b":[]}} ]}`,
		`{"ok":true,"result":[1,]}`, `{"ok":true,"result":[}`, `{"ok":true,"result":[1]} x`,
		`{"ok":true,"result":{"update_id":1}}`, `{"ok":false}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := answer(body).resultItems()
		var env struct {
			Result []json.RawMessage `json:"result"`
		}
		if json.Unmarshal(body, &env) != nil || env.Result == nil || !ok {
			return // the slow path decides
		}
		if len(got) != len(env.Result) {
			t.Fatalf("%q: %d items, encoding/json %d", body, len(got), len(env.Result))
		}
		for i := range got {
			if !reflect.DeepEqual([]byte(got[i]), []byte(env.Result[i])) {
				t.Fatalf("%q: item %d = %q, encoding/json %q", body, i, got[i], env.Result[i])
			}
		}
	})
}

func TestResultItems(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string // nil: refused, the slow path decides
	}{
		{"empty list", `{"ok":true,"result":[]}`, []string{}},
		{"updates with brackets and quotes in strings", `{"ok":true,"result":[{"update_id":1,"message":{"text":"],\"{"}},{"update_id":2}]}`,
			[]string{`{"update_id":1,"message":{"text":"],\"{"}}`, `{"update_id":2}`}},
		{"blanks", "{\"ok\":true,\"result\":[ {\"a\":1} ,\n{\"b\":[2]} ]}", []string{`{"a":1}`, `{"b":[2]}`}},
		{"empty element", `{"ok":true,"result":[1,]}`, nil},
		{"unclosed", `{"ok":true,"result":[{"a":1}`, nil},
		{"trailing garbage", `{"ok":true,"result":[1]}x`, nil},
		{"not a list", `{"ok":true,"result":true}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := answer(tc.body).resultItems()
			if tc.want == nil {
				if ok {
					t.Fatalf("accepted: %q", got)
				}
				return
			}
			if !ok || len(got) != len(tc.want) {
				t.Fatalf("got %q, %v; want %q", got, ok, tc.want)
			}
			for i := range got {
				if string(got[i]) != tc.want[i] {
					t.Errorf("item %d = %q; want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// BenchmarkResultItems splits a full getUpdates answer: 100 updates cut from the fixtures.
func BenchmarkResultItems(b *testing.B) {
	names := []string{"callback_query.json", "text.json", "start_deeplink.json", "location.json"}
	body := []byte(`{"ok":true,"result":[`)
	for i := range 100 {
		raw, err := os.ReadFile(filepath.Join("testdata", names[i%len(names)]))
		if err != nil {
			b.Fatal(err)
		}
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, bytes.TrimSpace(raw)...)
	}
	body = append(body, "]}"...)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if items, ok := answer(body).resultItems(); !ok || len(items) != 100 {
			b.Fatalf("%d items, ok %v", len(items), ok)
		}
	}
}
