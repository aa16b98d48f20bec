package bot

import "testing"

// TestIsLastAcrossReplicas: a press edits its message when no newer message of the chat is
// known here, whichever replica sent it, and sends anew when this process saw a newer one.
func TestIsLastAcrossReplicas(t *testing.T) {
	tests := []struct {
		name    string
		seen    []int // message ids this process saw in the chat, in order
		pressed int
		want    bool
	}{
		{"nothing seen: the other replica sent it", nil, 7, true},
		{"the newest we sent", []int{3, 7}, 7, true},
		{"newer than what we sent: the other replica's", []int{3, 5}, 9, true},
		{"an older screen", []int{3, 9}, 7, false},
		{"the user wrote after it", []int{7, 8}, 7, false},
		{"ids only grow: a late small id changes nothing", []int{9, 4}, 9, true},
		{"inaccessible message", []int{3}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newChatState()
			for _, id := range tc.seen {
				s.setLast("c", id)
			}
			if got := s.isLast("c", tc.pressed); got != tc.want {
				t.Errorf("isLast(%d) after %v = %v, want %v", tc.pressed, tc.seen, got, tc.want)
			}
		})
	}
}

// TestOutageNoticeOncePerOutage: a chat gets the notice once while anything is held, and
// again only in a later outage.
func TestOutageNoticeOncePerOutage(t *testing.T) {
	o := newOutage()
	if !o.hold() || o.hold() {
		t.Fatal("hold should report only the first held update")
	}
	if !o.firstNotice("a") || o.firstNotice("a") || !o.firstNotice("b") {
		t.Fatal("each chat gets the notice once per outage")
	}
	if o.release() || !o.release() {
		t.Fatal("release should report the end of the outage with the last held update")
	}
	o.hold()
	if !o.firstNotice("a") {
		t.Error("a new outage should allow the notice again")
	}
}

// TestHoldDelayCappedWithJitter: retries slow down to holdCap and never exceed it by more
// than half.
func TestHoldDelayCappedWithJitter(t *testing.T) {
	for n := 1; n < 40; n++ {
		d := holdDelay(n)
		base := min(holdFirst<<min(n-1, 10), holdCap)
		if d < base || d > base+base/2 {
			t.Fatalf("holdDelay(%d) = %s, want within [%s, %s]", n, d, base, base+base/2)
		}
	}
}
