package bot

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// menuEngine is a small transport-agnostic conversation: audience, then place (buttons
// or a shared location), then need, then a result with a map pin and a contact. It keeps
// per-chat state, refuses a second concurrent Handle for one chat (recorded as an
// overlap), remembers update ids like the real store (ErrDuplicate), and logs inputs.
type menuEngine struct {
	mu       sync.Mutex
	state    map[string]string
	lang     map[string]string
	seen     map[string]bool
	active   map[string]bool
	inputs   map[string][]flows.Input
	overlaps int
	delay    time.Duration                       // per Handle, to widen race windows
	fail     error                               // returned by every Handle when set
	block    chan struct{}                       // when set, Handle waits for it or ctx
	extra    func(r []flows.Reply) []flows.Reply // rewrites replies (tests of output)
	currents int                                 // Current calls
	lostSave error                               // returned once after an update is applied (a save whose reply was lost)
}

func newMenuEngine() *menuEngine {
	return &menuEngine{state: map[string]string{}, lang: map[string]string{}, seen: map[string]bool{},
		active: map[string]bool{}, inputs: map[string][]flows.Input{}}
}

func (e *menuEngine) Handle(ctx context.Context, chat flows.Chat, in flows.Input) ([]flows.Reply, error) {
	e.mu.Lock()
	if e.active[chat.ID] {
		e.overlaps++
	}
	e.active[chat.ID] = true
	block, delay, fail := e.block, e.delay, e.fail
	e.mu.Unlock()
	defer func() { e.mu.Lock(); e.active[chat.ID] = false; e.mu.Unlock() }()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if delay > 0 {
		time.Sleep(delay)
	}
	if fail != nil {
		return nil, fail
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if in.UpdateID != "" && e.seen[chat.ID+"/"+in.UpdateID] {
		return nil, flows.ErrDuplicate
	}
	e.seen[chat.ID+"/"+in.UpdateID] = true
	e.inputs[chat.ID] = append(e.inputs[chat.ID], in)
	r := e.step(chat, in)
	if e.extra != nil {
		r = e.extra(r)
	}
	if err := e.lostSave; err != nil {
		e.lostSave = nil
		return nil, err
	}
	return r, nil
}

// step moves the chat's conversation on; callers hold e.mu.
func (e *menuEngine) step(chat flows.Chat, in flows.Input) []flows.Reply {
	lang := e.lang[chat.ID]
	if lang == "" {
		lang = "fr"
	}
	switch {
	case in.Kind == flows.InputCommand && in.Command == "start":
		if strings.Contains(in.Args, "l-wo") {
			e.lang[chat.ID] = "wo"
			e.state[chat.ID] = "audience"
			return []flows.Reply{{Text: "Dalal ak jàmm! Yaa ngi?", Lang: "wo", LangChanged: true, Menu: "wo", Choices: audienceChoices()}}
		}
		e.state[chat.ID] = "audience"
		return []flows.Reply{{Text: "Bienvenue ! Vous êtes ?", Lang: lang, Choices: audienceChoices()}}
	case e.state[chat.ID] == "audience" && in.Kind == flows.InputChoice && strings.HasPrefix(in.Choice, "aud:"):
		e.state[chat.ID] = "place"
		return []flows.Reply{{Text: "Où habitez-vous ?", Lang: lang, AskLocation: true, LocationLabel: "📍 Ma position",
			Choices: [][]flows.Choice{{{ID: "reg:diourbel", Label: "Diourbel"}, {ID: "reg:dakar", Label: "Dakar"}}}}}
	case e.state[chat.ID] == "place" && (in.Kind == flows.InputLocation || strings.HasPrefix(in.Choice, "reg:")):
		e.state[chat.ID] = "need"
		return []flows.Reply{{Text: "Que cherchez-vous ?", Lang: lang,
			Choices: [][]flows.Choice{{{ID: "need:emploi", Label: "Un emploi"}}, {{ID: "need:formation", Label: "Une formation"}}}}}
	case e.state[chat.ID] == "need" && strings.HasPrefix(in.Choice, "need:"):
		e.state[chat.ID] = "done"
		return []flows.Reply{
			{Text: "Offre <" + strings.TrimPrefix(in.Choice, "need:") + "> & co", Lang: lang,
				Place:   &flows.Place{Name: "Bureau d'accueil", Address: "Diourbel", Lat: 14.655, Lon: -16.2318},
				Contact: &flows.Contact{Name: "Accueil", Phone: "+221330000000"}},
			{Text: "Autre chose ?", Lang: lang, Choices: [][]flows.Choice{{{ID: "restart", Label: "Recommencer"}}}},
		}
	}
	return []flows.Reply{{Text: "Je n'ai pas compris.", Lang: lang}}
}

func audienceChoices() [][]flows.Choice {
	return [][]flows.Choice{{{ID: "aud:retour", Label: "De retour au pays"}}, {{ID: "aud:jeune", Label: "Jeune"}}}
}

func (e *menuEngine) Unavailable(flows.Chat) []flows.Reply {
	return []flows.Reply{{Text: "Service indisponible, réessayez plus tard."}}
}

// Current re-asks the chat's current step (the menu's first question after a restart).
func (e *menuEngine) Current(_ context.Context, c flows.Chat) ([]flows.Reply, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.currents++
	return []flows.Reply{{Text: "Question en cours : " + e.state[c.ID], Lang: "fr"}}, nil
}

func (e *menuEngine) OutageNotice(c flows.Chat) []flows.Reply {
	if c.PlatformLang == "wo" {
		return []flows.Reply{{Text: "Am na jafe-jafe.", Lang: "wo"}}
	}
	return []flows.Reply{{Text: "Un petit souci technique.", Lang: "fr"}}
}

func (e *menuEngine) Commands(lang string) []flows.Command {
	if lang == "wo" {
		return []flows.Command{{Name: "start", Description: "Tàmbalee"}, {Name: "aide", Description: "Ndimbal"}}
	}
	return []flows.Command{{Name: "start", Description: "Commencer"}, {Name: "aide", Description: "Aide"}}
}

// chatInputs returns a copy of the inputs the chat delivered.
func (e *menuEngine) chatInputs(chat string) []flows.Input {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]flows.Input(nil), e.inputs[chat]...)
}

func (e *menuEngine) overlapCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.overlaps
}

func (e *menuEngine) setFail(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fail = err
}
