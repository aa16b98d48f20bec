package flows

import (
	"strings"
	"time"
)

// fromStaff relays a staff member's answer to the user, or closes the thread on /fin; a post
// for a thread that is no longer open changes nothing and tells the staff so.
func (t *turn) fromStaff(in Input) []Reply {
	if in.Thread == "" || t.s.Thread != in.Thread {
		return t.staffOnly("staff_gone", in.Thread)
	}
	if strings.ToLower(in.Command) == cmdEnd {
		t.staffPost("staff_closed_staff", map[string]any{"Thread": t.s.Thread}, t.s.Thread, false)
		t.endThread()
		return []Reply{t.thanks("handoff_closed_staff")}
	}
	text := strings.TrimSpace(cut(in.Text, maxHandoffText))
	if in.Command != "" || text == "" && !mediaKind(in.Media) {
		return t.staffOnly("staff_text_only", in.Thread)
	}
	if !t.s.ThreadAnswered {
		t.s.ThreadAnswered = true
		t.count(StatHandoff + "answered")
		if t.s.ThreadOpened > 0 {
			t.count(StatFirstAnswer + firstAnswerBucket(t.now.Sub(time.Unix(t.s.ThreadOpened, 0))))
		}
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
	if in.Thread == "" || t.s.Thread != in.Thread || t.s.ThreadAnswered || t.s.Reminders >= maxReminders {
		t.readOnly = true
		return nil
	}
	t.s.Reminders++
	minutes := int(t.now.Sub(time.Unix(t.s.ThreadOpened, 0)) / time.Minute)
	t.staffPost("staff_remind", map[string]any{"Thread": t.s.Thread, "Minutes": minutes}, t.s.Thread, t.s.Reminders < maxReminders)
	return nil
}
