package flows

import (
	"context"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samayoon/samayoon/catalog"
)

// maxLocationKm is how far from the nearest department's chief town a shared point may be:
// beyond it the user is abroad (or the point is wrong) and is asked for the region instead.
const maxLocationKm = 120

// maxTextBytes caps typed text before matching and search: long pastes are cut, not refused.
const maxTextBytes = 400

// turn is one update being applied to one session.
type turn struct {
	e           *Engine
	ctx         context.Context
	cat         Catalog
	chat        Chat
	s           session
	now         time.Time
	erase       bool // the user confirmed /oublier
	langChanged bool
	started     bool     // /start ran: every preset answer is new
	stats       []string // statistics fields counted in this turn (Recorder set only)
	staff       []Reply  // replies for the staff group, sent after the user's
	readOnly    bool     // nothing to save: a staff post or reminder for a closed thread
	closed      bool     // the handoff thread was closed in this turn
	asked       Reply    // the question built on entering the current state, if the turn moved
	hasAsked    bool     // asked is set
	err         error    // an event the conversation table refused: a bug, the turn fails
	args        []any    // the machine's event arguments: this turn
}

// lang is the language replies are written in: the chosen one, else the platform's, else fr.
func (t *turn) lang() string {
	if t.s.Lang != "" {
		return t.s.Lang
	}
	if l := platformLang(t.chat.PlatformLang); l != "" {
		return l
	}
	return "fr"
}

// apply runs the input and returns every reply; the current question always comes last.
func (t *turn) apply(in Input) []Reply {
	before := t.s
	switch in.Kind {
	case InputStaff:
		return t.finish(t.fromStaff(in))
	case InputRemind:
		return t.finish(t.remind(in))
	}
	defer t.countTurn(before)
	pre := t.input(in)
	t.leftThread(before)
	if t.erase {
		return t.finish(pre)
	}
	if len(pre) > 0 && (pre[len(pre)-1].Choices != nil || pre[len(pre)-1].AskLocation) {
		return t.finish(pre) // search hits carry their own buttons; the location prompt its keyboard
	}
	return t.finish(append(pre, t.render()...))
}

// input applies what the user did and returns the replies that come before the question.
func (t *turn) input(in Input) []Reply {
	switch {
	case in.Kind == InputMedia:
		return t.media(in)
	case in.Kind == InputText && t.inHandoff():
		return t.handoffText(in.Text, in.UpdateID)
	case in.Kind == InputLocation && t.inHandoff():
		return []Reply{t.withEnd(t.note("handoff_text_only"))}
	}
	var pre []Reply
	switch in.Kind {
	case InputPhone:
		pre = t.phone(in.Phone)
	case InputCommand:
		pre = t.command(strings.ToLower(strings.TrimSpace(in.Command)), in.Args)
	case InputChoice:
		pre = t.choice(in.Choice)
	case InputText:
		pre = t.typed(in.Text)
	case InputLocation:
		pre = t.location(in.Point)
	default:
		pre = []Reply{t.note("text_hint")}
	}
	return pre
}

// finish merges plain notes into the message that follows them (fewer messages cost less
// data and arrive together), then stamps every reply with its language, change flag and
// menu change.
func (t *turn) finish(rs []Reply) []Reply {
	rs = mergeNotes(rs)
	menu := t.menu()
	for i := range rs {
		rs[i].Lang = t.lang()
		rs[i].LangChanged = t.langChanged
		rs[i].Menu = menu
	}
	return append(rs, t.staff...)
}

// menu is the command menu the chat should show after this turn, "" when it stays as it is:
// Wolof when the user chose Wolof, the default again when a chat whose menu is Wolof chose
// French or was forgotten. A chat with no menu of its own needs no call at all.
func (t *turn) menu() string {
	switch {
	case t.erase && t.s.Menu != "":
		return "fr"
	case t.langChanged && t.s.Lang == "wo" && t.s.Menu != "wo":
		t.s.Menu = "wo"
		return "wo"
	case t.langChanged && t.s.Lang != "wo" && t.s.Menu != "":
		t.s.Menu = ""
		return "fr"
	}
	return ""
}

// mergeNotes folds each reply that is only text into the next reply's text, saving a
// message; a note marked alone (such as /apropos), or one that would make the next message
// longer than maxMerged, goes on its own so the question stays short.
func mergeNotes(rs []Reply) []Reply {
	out := rs[:0]
	var pending *Reply
	for _, r := range rs {
		plain := r.Choices == nil && !r.AskLocation && r.Place == nil && r.Contact == nil
		if pending != nil {
			n := utf8.RuneCountInString(pending.Text)
			if pending.alone || n+utf8.RuneCountInString(r.Text)+2 > maxMerged {
				out = append(out, *pending)
			} else {
				r.Text = pending.Text + "\n\n" + r.Text
			}
			pending = nil
		}
		if plain && len(out) < len(rs)-1 {
			p := r
			pending = &p
			continue
		}
		out = append(out, r)
	}
	return out
}

// note is a reply made of one message, without buttons.
func (t *turn) note(id string) Reply { return Reply{Text: t.e.text(t.lang(), id, nil)} }

// command runs a slash command, in French or English spelling.
func (t *turn) command(name, args string) []Reply {
	switch name {
	case "start":
		return t.start(args)
	case "aide", "help":
		return []Reply{t.note("help_text")}
	case "langue", "language", "lang":
		t.fire(evLanguage)
	case "recommencer", "restart":
		t.restart()
	case "oublier", "forget":
		t.fire(evForget)
	case "alertes", "alerts":
		if t.alertsOn() {
			return []Reply{t.alertList()}
		}
		return []Reply{t.note("unknown_command")}
	case "apropos", "privacy", "about":
		return []Reply{t.about()}
	case cmdEnd:
		return t.endCommand()
	default:
		return []Reply{t.note("unknown_command")}
	}
	return nil
}

// about says what is stored, for how long and who runs the service.
func (t *turn) about() Reply {
	op := t.e.cfg.Operator
	if op == "" {
		op = t.e.text(t.lang(), "about_operator", nil)
	}
	days := int((t.e.cfg.TTL + 24*time.Hour - 1) / (24 * time.Hour))
	data := map[string]any{"Operator": op, "Days": days}
	text := t.e.plural(t.lang(), "about_text", data, days)
	if t.alertsOn() {
		text += " " + t.e.text(t.lang(), "about_alerts", nil) // alerts outlive the session
	}
	return Reply{Text: text, alone: true}
}

// start greets, forgets earlier answers and applies a deep-link payload.
func (t *turn) start(payload string) []Reply {
	state, menu := t.s.State, t.s.Menu // restart moves from where the chat was; its menu outlives the answers
	t.s = newSession()
	t.s.State, t.s.Menu = state, menu
	link := parseDeepLink(t.e.geo, payload)
	t.started = true
	t.count(StatStart, StatSource+firstOf(link.Source, statNoSource))
	t.s.Lang, t.s.Profile, t.s.Region, t.s.Department, t.s.Need = link.Lang, link.Profile, link.Region, link.Dept, link.Need
	if link.Source != "" {
		t.e.log.InfoContext(t.ctx, "deep link", "source", link.Source)
	}
	t.langChanged = link.Lang != ""
	greet := t.greeting()
	t.fire(evRestart)
	return []Reply{greet}
}

// greeting is short and bilingual unless the language is already known.
func (t *turn) greeting() Reply {
	if t.s.Lang != "" || platformLang(t.chat.PlatformLang) != "" {
		return t.note("greeting")
	}
	return Reply{Text: t.e.text("fr", "greeting", nil) + "\n" + t.e.text("wo", "greeting", nil)}
}

// restart clears the answers but keeps the language.
func (t *turn) restart() {
	t.s = session{Version: schemaVersion, State: t.s.State, Lang: t.s.Lang, Menu: t.s.Menu}
	t.fire(evRestart)
}

// location maps a shared point to the nearest department and moves on.
func (t *turn) location(p Point) []Reply {
	if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 || t.s.State == stForget {
		return []Reply{t.note("text_hint")}
	}
	d, km := catalog.NearestDepartment(catalog.LatLon{Lat: p.Lat, Lon: p.Lon})
	if d.ID == "" || km > maxLocationKm {
		return []Reply{t.note("location_far")}
	}
	t.s.Region, t.s.Department, t.s.Point = d.Region, d.ID, roundPoint(p.Lat, p.Lon)
	place := d.Name + " (" + t.e.geo.regionName(d.Region) + ")"
	t.shared()
	return []Reply{{Text: t.e.text(t.lang(), "location_found", map[string]any{"Place": place})}}
}

// shared moves on after a shared location: a page the table resumes from is left for the
// questions; on a question (or the results) the place is an answer.
func (t *turn) shared() {
	if t.e.machines.can(t.s.State, evResume) {
		t.fire(evResume)
		return
	}
	t.answered()
}

// typed handles free text: a button label, a sentence naming a need or a place, else a search.
func (t *turn) typed(text string) []Reply {
	text = cut(text, maxTextBytes)
	key := fold(text)
	if key == "" {
		return []Reply{t.note("text_hint")}
	}
	if id, ok := t.labelMatch(key); ok {
		return t.choice(id)
	}
	if rs, ok := t.sentence(text); ok {
		return rs
	}
	if t.s.State == stForget {
		return []Reply{t.note("text_hint")}
	}
	return t.search(text)
}

// labelMatch finds the current choice whose label, in either language, is the typed text;
// answers win over back / start again, so "retour" at "who are you" means the returnee.
func (t *turn) labelMatch(key string) (string, bool) {
	var nav string
	for _, lang := range []string{"fr", "wo"} {
		for _, row := range t.choicesIn(lang) {
			for _, c := range row {
				// fold never makes a text more than 1.5 times longer: skip folding labels
				// too short to match (a typed sentence is longer than any button).
				if 2*len(key) > 3*len(c.Label) || t.e.foldLabel(c.Label) != key {
					continue
				}
				if c.ID != idBack && c.ID != idRestart {
					return c.ID, true
				}
				nav = c.ID
			}
		}
	}
	return nav, nav != ""
}

// place records a typed place: a department sets both, a region asks its department if needed.
func (t *turn) place(region, dept string) []Reply {
	t.s.Region, t.s.Department, t.s.Point = region, dept, nil
	t.answered()
	return nil
}

// cut shortens s to at most n bytes on a rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
