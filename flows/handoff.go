package flows

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
)

// Choice ids of the human handoff ("talk to someone": write to the staff).
const (
	idHandoff    = "h:ask" // on the "talk to someone" results page, when a staff group exists
	idConsentYes = "h:yes"
	idConsentNo  = "h:no"  // also cancels while writing
	idThreadEnd  = "h:end" // the user closes the conversation
)

// Handoff limits.
const (
	threadLen      = 6    // characters of a thread id, shown to staff as #ABC234
	maxReminders   = 3    // re-announcements of a request nobody answered
	maxHandoffText = 2000 // bytes of one message passed on (Telegram allows 4,096 characters)
	cmdEnd         = "fin"
)

// Statistics of the handoff: requests sent, first staff answers, closes.
const (
	StatHandoff = "handoff:" // + requested | answered | closed
	// StatFirstAnswer + a bucket of FirstAnswerBuckets counts how long a user waited for the
	// staff's first answer, so the framework sees delays without any timestamp being kept.
	StatFirstAnswer = StatHandoff + "first_answer:"
)

// FirstAnswerBuckets are the delay buckets of StatFirstAnswer, shortest first.
func FirstAnswerBuckets() []string { return []string{"lt15m", "lt1h", "lt4h", "lt24h", "ge24h"} }

// firstAnswerBucket is the bucket of a wait; a negative one (clocks of two replicas) is the shortest.
func firstAnswerBucket(wait time.Duration) string {
	buckets := FirstAnswerBuckets()
	for i, limit := range []time.Duration{15 * time.Minute, time.Hour, 4 * time.Hour, 24 * time.Hour} {
		if wait < limit {
			return buckets[i]
		}
	}
	return buckets[len(buckets)-1]
}

// handoffOffered reports whether the staff can be written to from this results page.
func (t *turn) handoffOffered() bool {
	return t.e.cfg.Staff && t.s.Need == string(catalog.NeedTalk)
}

// inHandoff reports whether typed text belongs to the handoff (written request or thread).
func (t *turn) inHandoff() bool { return t.s.State == stWrite || t.s.State == stThread }

// newThreadID derives a short id from the chat, the clock and the update: unique enough to
// tell requests apart in the staff group, and no chat id is readable from it.
func (t *turn) newThreadID(updateID string) string {
	sum := sha256.Sum256([]byte(t.chat.ID + "|" + strconv.FormatInt(t.now.UnixNano(), 10) + "|" + updateID))
	return base32.StdEncoding.EncodeToString(sum[:])[:threadLen]
}

// handoffChoice applies the handoff buttons.
func (t *turn) handoffChoice(id string) []Reply {
	switch id {
	case idHandoff:
		t.fire(evHandoff)
	case idConsentYes:
		t.fire(evAgree)
	case idConsentNo:
		t.fire(evCancel)
	case idThreadEnd:
		return t.closeByUser()
	}
	return nil
}

// handoffText passes typed text on: the first message opens the thread, later ones join it.
func (t *turn) handoffText(text, updateID string) []Reply {
	text = strings.TrimSpace(cut(text, maxHandoffText))
	if text == "" {
		return []Reply{t.withEnd(t.note("handoff_text_only"))}
	}
	if t.s.State == stWrite {
		return t.openThread(text, updateID)
	}
	t.staffPost("staff_message", map[string]any{"Thread": t.s.Thread, "Text": text}, t.s.Thread, false)
	return []Reply{t.withEnd(t.note("handoff_forwarded"))}
}

// openThread posts the request in the staff group and tells the user an answer will come here.
func (t *turn) openThread(text, updateID string) []Reply {
	t.s.Thread, t.s.ThreadOpened, t.s.ThreadAnswered, t.s.Reminders = t.newThreadID(updateID), t.now.Unix(), false, 0
	t.fire(evSend)
	t.count(StatHandoff + "requested")
	data := map[string]any{"Thread": t.s.Thread, "Lang": t.e.text("fr", "lang_"+t.lang(), nil),
		"Profile": t.answerFr("audience_", t.s.Profile), "Place": t.staffPlace(),
		"Need": t.answerFr("need_", t.s.Need), "Text": text}
	t.staffPost("staff_request", data, t.s.Thread, true)
	r := t.withEnd(Reply{Text: t.e.text(t.lang(), "handoff_sent", map[string]any{"Thread": t.s.Thread})})
	r.AskPhone, r.PhoneLabel = true, t.e.text(t.lang(), "phone_button", nil)
	return []Reply{r}
}

// answerFr is a stored answer's French label without its leading emoji, or "-".
func (t *turn) answerFr(prefix, value string) string {
	if value == "" {
		return "-"
	}
	label := t.e.text("fr", prefix+value, nil)
	if first, rest, ok := strings.Cut(label, " "); ok {
		if r, _ := utf8.DecodeRuneInString(first); !unicode.IsLetter(r) {
			return rest
		}
	}
	return label
}

// staffPost adds a post for the staff group, in French: message id with data; thread links it
// to a handoff thread ("": a reply to it reaches nobody), waiting asks for a reminder.
func (t *turn) staffPost(id string, data map[string]any, thread string, waiting bool) {
	t.staff = append(t.staff, Reply{Text: t.e.text("fr", id, data), ToStaff: true, Lang: "fr", Thread: thread, Waiting: waiting})
}

// phone passes on a number the user chose to share, in a thread only; it is never stored.
func (t *turn) phone(number string) []Reply {
	if t.s.State != stThread || !plausiblePhone(number) {
		return []Reply{t.note("text_hint")}
	}
	t.staffPost("staff_phone", map[string]any{"Thread": t.s.Thread, "Phone": number}, t.s.Thread, false)
	return []Reply{t.withEnd(t.note("phone_sent"))}
}

// plausiblePhone accepts what Telegram sends for a contact: digits, an optional +, spaces.
func plausiblePhone(s string) bool {
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0, c == ' ':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

// closeByUser ends the thread at the user's request and tells the staff.
func (t *turn) closeByUser() []Reply {
	if t.s.Thread == "" {
		return []Reply{t.note("handoff_none")}
	}
	t.leaveThread(t.s.Thread)
	return []Reply{t.thanks("handoff_closed_user")}
}

// leaveThread closes thread (the user ended it, or left it with a command), telling the staff.
func (t *turn) leaveThread(thread string) {
	t.staffPost("staff_closed_user", map[string]any{"Thread": thread}, thread, false)
	t.endThread()
}

// endThread forgets the thread and returns to the results it started from.
func (t *turn) endThread() {
	t.count(StatHandoff + "closed")
	t.closed = true
	t.s.Thread, t.s.ThreadOpened, t.s.ThreadAnswered, t.s.Reminders = "", 0, false, 0
	if t.s.State == stThread {
		t.fire(evClose)
	}
}

// leftThread closes a thread the user left through a command (/start, /langue, /oublier...).
func (t *turn) leftThread(before session) {
	if before.Thread == "" || t.closed || t.s.State == stThread && !t.erase {
		return
	}
	t.leaveThread(before.Thread)
}

// withEnd adds the "end the conversation" (in a thread) or "cancel" (while writing) button.
func (t *turn) withEnd(r Reply) Reply {
	if t.s.State == stWrite {
		r.Choices = [][]Choice{{t.button(idConsentNo, "choice_cancel")}}
		return r
	}
	r.Choices = [][]Choice{{t.button(idThreadEnd, "choice_handoff_end")}}
	return r
}

// endCommand is /fin: it closes the thread, cancels a request being written, or says there
// is nothing to close.
func (t *turn) endCommand() []Reply {
	switch t.s.State {
	case stThread:
		return t.closeByUser()
	case stConsent, stWrite:
		t.fire(evCancel)
		return nil
	}
	return []Reply{t.note("handoff_none")}
}

// handoffQuestion is the question of the handoff states in lang.
func (t *turn) handoffQuestion(lang string) Reply {
	switch t.s.State {
	case stConsent:
		op := t.e.cfg.Operator
		if op == "" {
			op = t.e.text(lang, "about_operator", nil)
		}
		return Reply{Text: t.e.text(lang, "consent_question", map[string]any{"Operator": op}), Choices: [][]Choice{
			{t.buttonIn(lang, idConsentYes, "choice_consent_yes")}, {t.buttonIn(lang, idConsentNo, "choice_consent_no")}}}
	case stWrite:
		return Reply{Text: t.e.text(lang, "write_prompt", nil), Choices: [][]Choice{{t.buttonIn(lang, idConsentNo, "choice_cancel")}}}
	}
	return Reply{Text: t.e.text(lang, "thread_status", map[string]any{"Thread": t.s.Thread}),
		Choices: [][]Choice{{t.buttonIn(lang, idThreadEnd, "choice_handoff_end")}}}
}

// staffPlace names the user's department and region for the staff, or "-".
func (t *turn) staffPlace() string {
	switch {
	case t.s.Department != "":
		return t.e.geo.deptName(t.s.Department) + " (" + t.e.geo.regionName(t.s.Region) + ")"
	case t.s.Region != "":
		return t.e.geo.regionName(t.s.Region)
	}
	return "-"
}
