package flows

// Media kinds a channel reports in Input.Media.
const (
	MediaVoice    = "voice"
	MediaPhoto    = "photo"
	MediaDocument = "document"
)

// mediaKind reports whether m is a media kind the engine knows.
func mediaKind(m string) bool { return m == MediaVoice || m == MediaPhoto || m == MediaDocument }

// media answers a voice note, photo or document. In a handoff it is passed on to the staff
// like a written message (the first one opens the thread), the media copied below its post;
// elsewhere the user is told the bot cannot listen yet and, with a staff group, how to reach
// a person who can. The current question follows with its buttons.
func (t *turn) media(in Input) []Reply {
	if !mediaKind(in.Media) {
		return []Reply{t.note("text_hint")}
	}
	if !t.inHandoff() {
		if !t.e.cfg.Staff {
			return []Reply{t.note("media_hint")}
		}
		return []Reply{{Text: t.e.text(t.lang(), "media_hint_staff", map[string]any{
			"Talk": t.e.text(t.lang(), "need_parler", nil), "Write": t.e.text(t.lang(), "choice_handoff", nil)})}}
	}
	replies := t.handoffText(t.e.text("fr", "media_"+in.Media, nil), in.UpdateID)
	if n := len(t.staff); n > 0 {
		t.staff[n-1].Copy = true // the post just made for this message
	}
	return replies
}

// staffMedia is what the user sees of a staff member's voice note, photo or document: a
// line saying it comes from the team, the media copied after it.
func (t *turn) staffMedia() Reply {
	return t.withEnd(Reply{Text: t.e.text(t.lang(), "handoff_from_staff_media", nil), Copy: true})
}
