package flows

import (
	"testing"
)

// TestSessionStoredForm pins the stored JSON keys: sessions already in Redis must decode into
// the same answers and encode back byte for byte.
func TestSessionStoredForm(t *testing.T) {
	const stored = `{"v":1,"s":"thread","l":"wo","p":"retour","r":"diourbel","d":"mbacke","n":"parler",` +
		`"o":"anpej-emploi","g":[14.8,-15.9],"f":true,"h":"ABCDEF","ho":1764410000,"ha":true,"hr":2,"m":"wo","t":1764410001}`
	s, ok := decodeSession(newGeo(), []byte(stored))
	if !ok {
		t.Fatalf("stored session rejected")
	}
	want := session{Version: 1, State: stThread, Lang: "wo", Profile: "retour", Region: "diourbel",
		Department: "mbacke", Need: "parler", Offer: "anpej-emploi", Point: &[2]float64{14.8, -15.9},
		FeedbackGiven: true, Thread: "ABCDEF", ThreadOpened: 1764410000, ThreadAnswered: true, Reminders: 2,
		Menu: "wo", Updated: 1764410001}
	if s.Point == nil || *s.Point != *want.Point {
		t.Fatalf("point = %v; want %v", s.Point, want.Point)
	}
	s.Point, want.Point = nil, nil
	if s != want {
		t.Errorf("decoded %+v\nwant    %+v", s, want)
	}
	s.Point = &[2]float64{14.8, -15.9}
	again, err := encodeSession(s)
	if err != nil || string(again) != stored {
		t.Errorf("encoded %s (%v)\nwant    %s", again, err, stored)
	}
}
