package flows

import (
	"strings"
	"time"
)

// fromStaff relays a staff member's answer to the user, or closes the thread on /fin; a post
// for a thread that is no longer open changes nothing and tells the staff so.
func (t *turn) fromStaff(in Input) []Reply {
	if in.Thread == "" || t.s.H != in.Thread {
		return t.staffOnly("staff_gone", in.Thread)
	}
	if strings.ToLower(in.Command) == cmdEnd {
		t.staffPost("staff_closed_staff", map[string]any{"Thread": t.s.H}, t.s.H, false)
		t.endThread()
		return []Reply{t.thanks("handoff_closed_staff")}
	}
	text := strings.TrimSpace(cut(in.Text, maxHandoffText))
	if in.Command != "" || text == "" && !mediaKind(in.Media) {
		return t.staffOnly("staff_text_only", in.Thread)
	}
	if !t.s.Ha {
		t.s.Ha = true
		t.count(StatHandoff + "answered")
	}
	if mediaKind(in.Media) {
		return []Reply{t.staffMedia()}
	}
	return []Reply{t.withEnd(Reply{Text: t.e.text(t.lang(), "handoff_from_staff", map[string]any{"Text": text})})}
}

// staffOnly answers the staff alone and leaves the session untouched.
func (t *turn) staffOnly(id, thread string) []Reply {
	t.readOnly = true
	t.staffPost(id, map[string]any{"Thread": thread}, "", false)
	return nil
}

// remind re-announces a request nobody answered yet, at most maxReminders times; for a thread
// answered or closed meanwhile it does nothing.
func (t *turn) remind(in Input) []Reply {
	if in.Thread == "" || t.s.H != in.Thread || t.s.Ha || t.s.Hr >= maxReminders {
		t.readOnly = true
		return nil
	}
	t.s.Hr++
	minutes := int(t.now.Sub(time.Unix(t.s.Ho, 0)) / time.Minute)
	t.staffPost("staff_remind", map[string]any{"Thread": t.s.H, "Minutes": minutes}, t.s.H, t.s.Hr < maxReminders)
	return nil
}
