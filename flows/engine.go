package flows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// maxTries bounds the retries of one update when other writers keep changing the session.
const maxTries = 5

// defaultTTL is how long an idle session is kept: 30 days, as /apropos tells users.
const defaultTTL = 30 * 24 * time.Hour

// Config wires an Engine to its store, catalog, messages and clock.
type Config struct {
	Store   Store
	Catalog func() Catalog // the current catalog (hot reload); called once per Handle
	Bundle  *i18n.Bundle   // from locales.NewBundle()
	Now     func() time.Time
	TTL     time.Duration // session expiry; 0 = 30 days
	Logger  *slog.Logger  // nil = discard
	// Operator names who runs this instance, for /apropos; "" = the Sama Yoon volunteers.
	Operator string
	// Recorder receives anonymous daily counters after each committed update; nil = none.
	Recorder Recorder
	// Staff says the channel delivers Reply.ToStaff to a staff group (STAFF_CHAT_ID is set).
	Staff bool
	// Alerts keeps "tell me when" subscriptions; nil = no 🔔 button and no /alertes.
	Alerts Alerts
}

// Engine runs the conversation; it keeps nothing per user in memory and is safe for concurrent use.
type Engine struct {
	cfg      Config
	log      *slog.Logger
	machines *machines
	geo      *geo
	msgs     map[string]*i18n.Localizer
	menus    map[menuKey][][]Choice // built in New, read-only
	// fixed caches messages rendered without data or count (most labels and questions):
	// go-i18n matches language tags again on every call.
	fixed sync.Map // lang + "\x00" + id -> string
	// oneVar caches messages with one variable whose values come from the catalog or the code
	// (button numbers, contacts, region names), at most maxOneVar of them.
	oneVar  sync.Map // lang + "\x00" + id + "\x00" + value -> string
	oneVars atomic.Int32
	// folded caches button labels as typed text is compared with them (see foldLabel).
	folded  sync.Map // label -> fold(label)
	foldeds atomic.Int32
}

// maxOneVar bounds Engine.oneVar: about a hundred bytes each, whatever catalog reloads leave.
const maxOneVar = 4096

// New checks the configuration and prepares the shared, read-only parts of the engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Store == nil || cfg.Catalog == nil || cfg.Bundle == nil {
		return nil, errors.New("flows: Config needs Store, Catalog and Bundle")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.TTL <= 0 {
		cfg.TTL = defaultTTL
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e := &Engine{cfg: cfg, log: log.With("component", "flows"), machines: newMachines(), geo: newGeo(),
		msgs: map[string]*i18n.Localizer{}}
	for _, lang := range []string{"fr", "wo"} {
		e.msgs[lang] = i18n.NewLocalizer(cfg.Bundle, lang, "fr")
	}
	e.menus = buildMenus(e)
	return e, nil
}

// Handle applies one input to a chat's session and returns the replies to show, in order.
func (e *Engine) Handle(ctx context.Context, chat Chat, in Input) ([]Reply, error) {
	cat := e.cfg.Catalog()
	if cat == nil {
		return nil, errors.New("flows: no catalog loaded")
	}
	for try := 0; try < maxTries; try++ {
		replies, err := e.handleOnce(ctx, cat, chat, in)
		if errors.Is(err, ErrConflict) {
			continue
		}
		return replies, err
	}
	return nil, fmt.Errorf("flows: %d tries: %w", maxTries, ErrConflict)
}

// handleOnce is one Load → apply → Save round; ErrConflict means "try again from Load".
func (e *Engine) handleOnce(ctx context.Context, cat Catalog, chat Chat, in Input) (_ []Reply, err error) {
	defer func() {
		// A bug (here or in a catalog) must cost one update, not the process serving everyone.
		if p := recover(); p != nil {
			e.log.ErrorContext(ctx, "panic while handling an update", "panic", fmt.Sprint(p))
			err = fmt.Errorf("flows: internal error: %v", p)
		}
	}()
	data, rev, err := e.cfg.Store.Load(ctx, chat.ID, in.UpdateID)
	if err != nil {
		return nil, fmt.Errorf("flows: load session: %w", err)
	}
	s, ok := decodeSession(e.geo, data)
	if !ok {
		e.log.WarnContext(ctx, "session unreadable, restarting", "bytes", len(data))
	}
	t := &turn{e: e, ctx: ctx, cat: cat, chat: chat, s: s, now: e.cfg.Now()}
	if !ok && in.Kind != InputStaff && in.Kind != InputRemind {
		in = Input{Kind: InputCommand, Command: "start", UpdateID: in.UpdateID}
	}
	replies := t.apply(in)
	if t.err != nil {
		return nil, t.err
	}
	if t.readOnly {
		return replies, nil
	}
	if t.erase {
		if err := e.cfg.Store.Delete(ctx, chat.ID); err != nil {
			return nil, fmt.Errorf("flows: delete session: %w", err)
		}
		e.record(ctx, t)
		return replies, nil
	}
	t.s.Updated = t.now.Unix()
	out, err := encodeSession(t.s)
	if err != nil {
		return nil, err
	}
	if err := e.cfg.Store.Save(ctx, chat.ID, in.UpdateID, out, rev, e.cfg.TTL); err != nil {
		return nil, fmt.Errorf("flows: save session: %w", err)
	}
	e.record(ctx, t)
	return replies, nil
}

// Current is the chat's current question, read from its session and changing nothing: a
// channel shows it when an update it had to retry turns out to be applied already (its save
// succeeded though the call reported a failure), so the answer it never sent is replaced.
func (e *Engine) Current(ctx context.Context, chat Chat) ([]Reply, error) {
	cat := e.cfg.Catalog()
	if cat == nil {
		return nil, errors.New("flows: no catalog loaded")
	}
	data, _, err := e.cfg.Store.Load(ctx, chat.ID, "")
	if err != nil {
		return nil, fmt.Errorf("flows: load session: %w", err)
	}
	s, _ := decodeSession(e.geo, data)
	t := &turn{e: e, ctx: ctx, cat: cat, chat: chat, s: s, now: e.cfg.Now()}
	r := t.question(t.lang())
	r.Lang = t.lang()
	return []Reply{r}, nil
}

// Unavailable is the short localized apology a channel shows when Handle failed.
func (e *Engine) Unavailable(chat Chat) []Reply { return e.oneLine(chat, "unavailable") }

// OutageNotice is the one message a channel sends while it holds a chat's update for the
// session store: it reads nothing from the store, so it works while the store is down.
func (e *Engine) OutageNotice(chat Chat) []Reply { return e.oneLine(chat, "outage_notice") }

// oneLine is message id in the chat's platform language, French when that is neither.
func (e *Engine) oneLine(chat Chat, id string) []Reply {
	lang := platformLang(chat.PlatformLang)
	if lang == "" {
		lang = "fr"
	}
	return []Reply{{Text: e.text(lang, id, nil), Lang: lang}}
}

// Commands lists the commands a channel advertises, with descriptions in lang.
func (e *Engine) Commands(lang string) []Command {
	if lang = platformLang(lang); lang == "" {
		lang = "fr"
	}
	var out []Command
	for _, name := range []string{"start", "aide", "langue", "recommencer", "alertes", "oublier", "apropos"} {
		if name == "alertes" && e.cfg.Alerts == nil {
			continue
		}
		out = append(out, Command{Name: name, Description: e.text(lang, "cmd_"+name, nil)})
	}
	return out
}

// text renders one message; a missing message is a bug caught by tests, logged, never shown raw.
func (e *Engine) text(lang, id string, data map[string]any) string {
	return e.plural(lang, id, data, nil)
}

// plural renders a message with a plural count (nil for none).
func (e *Engine) plural(lang, id string, data map[string]any, count any) string {
	loc, ok := e.msgs[lang]
	if !ok {
		lang, loc = "fr", e.msgs["fr"]
	}
	fixed := data == nil && count == nil
	if fixed {
		if s, ok := e.fixed.Load(lang + "\x00" + id); ok {
			return s.(string)
		}
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		e.log.Error("message failed", "id", id, "lang", lang, "err", err)
	} else if fixed {
		e.fixed.Store(lang+"\x00"+id, s)
	}
	return s
}

// textVar renders a message with one variable, cached. Only for values from the catalog or
// the code: never what users or staff write, which must not outlive the turn.
func (e *Engine) textVar(lang, id, name, value string) string {
	key := lang + "\x00" + id + "\x00" + value
	if s, ok := e.oneVar.Load(key); ok {
		return s.(string)
	}
	s := e.text(lang, id, map[string]any{name: value})
	if e.oneVars.Load() < maxOneVar {
		if _, loaded := e.oneVar.LoadOrStore(key, s); !loaded {
			e.oneVars.Add(1)
		}
	}
	return s
}

// platformLang maps a client language such as "fr-FR" or "wo" to "fr"/"wo", else "".
func platformLang(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	base, _, _ = strings.Cut(base, "_")
	if base == "fr" || base == "wo" {
		return base
	}
	return ""
}
