package bot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestStaffApprovesAlerts: the approval post carries the button; a press in the staff group
// (a Telegram callback_query fixture) runs the approver once and answers below the post,
// and the same data pressed elsewhere does nothing.
func TestStaffApprovesAlerts(t *testing.T) {
	const group = int64(-1001234567890)
	fixture, err := os.ReadFile(filepath.Join("testdata", "staff_approve_alerts.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		staff    int64
		approver error // nil: succeeds
		calls    int32
		note     string
	}{
		{"staff group press releases", group, nil, 1, "1 alerte"},
		{"approver fails: the staff are told", group, errors.New("redis down"), 1, "n'ont pas pu"},
		{"press outside the staff group: ignored", -1009999999999, nil, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			approve := func(context.Context) (string, error) {
				calls.Add(1)
				return "✅ 1 alerte approuvée", tc.approver
			}
			api := newAPI(t)
			h := startBot(t, api, newMenuEngine(), "polling", func(c *Config) { c.StaffChatID, c.ApproveAlerts = tc.staff, approve })
			h.waitReady()
			if tc.staff == group {
				if id, err := h.bot.PostAlertsApproval(context.Background(), "🔔 Alertes en attente"); err != nil || id == 0 {
					t.Fatalf("PostAlertsApproval: %d %v", id, err)
				}
				post := api.Messages(group)[0]
				if kb := post.Keyboard(); len(kb) != 1 || kb[0][0].Data != ApproveAlertsData {
					t.Fatalf("approval post keyboard %+v", kb)
				}
			}
			api.Push(fixture)
			eventually(t, "press answered", func() bool { return api.Answered("4382bfdwdsb323c7a1") == 1 })
			if tc.calls > 0 {
				eventually(t, "approver called", func() bool { return calls.Load() == tc.calls })
				eventually(t, "note posted", func() bool {
					msgs := api.Messages(group)
					return len(msgs) > 0 && strings.Contains(msgs[len(msgs)-1].Text, tc.note)
				})
				return
			}
			eventually(t, "update handled", func() bool { return h.obs.handledCount() >= 1 })
			if calls.Load() != 0 {
				t.Errorf("approver called for a press outside the staff group")
			}
		})
	}
}
