package flows

import (
	"reflect"
	"testing"
)

func TestMergeNotes(t *testing.T) {
	q := Reply{Text: "Q", Choices: [][]Choice{{{ID: "a", Label: "A"}}}}
	venue := Reply{Text: "V", Place: &Place{Name: "P"}}
	cases := []struct {
		name string
		in   []Reply
		want []Reply
	}{
		{"note joins the question", []Reply{{Text: "N"}, q}, []Reply{{Text: "N\n\nQ", Choices: q.Choices}}},
		{"two notes join", []Reply{{Text: "N1"}, {Text: "N2"}, q}, []Reply{{Text: "N1\n\nN2\n\nQ", Choices: q.Choices}}},
		{"a lone note stays", []Reply{{Text: "N"}}, []Reply{{Text: "N"}}},
		{"a place is not folded", []Reply{venue, q}, []Reply{venue, q}},
		{"a trailing note stays", []Reply{q, {Text: "N"}}, []Reply{q, {Text: "N"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := mergeNotes(append([]Reply(nil), tc.in...)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
