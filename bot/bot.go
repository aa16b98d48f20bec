// Package bot is the Telegram channel of Sama Yoon: it takes updates by long polling or by
// webhook, hands them to the conversation engine strictly in order per chat, and renders
// the engine's replies as Telegram messages. It is the only package that imports
// go-telegram-bot-api.
//
// Reading order: bot.go (New, Run); poll.go and webhook.go, the two sources, which decode
// updates (update.go); intake.go, the path of one update (button answer, chat queue,
// engine); deliver.go and output.go, the replies as the library's configs; client.go and
// transport.go, the library's client and what its HTTP transport adds (retries, pacing,
// deadlines). handoff.go links the staff group; offsets.go and journal.go keep polling
// crash-safe.
package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// Engine is what the bot needs from the conversation core (flows.Engine implements it).
type Engine interface {
	Handle(ctx context.Context, chat flows.Chat, in flows.Input) ([]flows.Reply, error)
	Unavailable(chat flows.Chat) []flows.Reply
	OutageNotice(chat flows.Chat) []flows.Reply
	Current(ctx context.Context, chat flows.Chat) ([]flows.Reply, error)
	Commands(lang string) []flows.Command
}

// Observer receives the bot's metrics; nil means none.
type Observer interface {
	Update(kind string)                 // "message","callback","my_chat_member","other","malformed","duplicate"
	Handled(d time.Duration, err error) // one update fully handled
	Reply()                             // one message or edit sent
	APICall(method string, code int)    // 200 on ok, Telegram's error_code, 0 for a network error
	RetryAfter(d time.Duration)         // a 429 wait
	Held(delta int)                     // +1 an update waits for the session store, -1 it no longer does
	OutageNotice()                      // one outage notice sent
}

// Config is everything the bot needs; main fills it from the environment.
type Config struct {
	Token          string
	APIURL         string // base URL, default https://api.telegram.org (no /bot suffix)
	Mode           string // "polling" (default) or "webhook"
	WebhookURL     string
	WebhookSecret  string // required in webhook mode; 1-256 of A-Z a-z 0-9 _ -
	Workers        int    // engine calls at once (default 32); polling keeps up to twice as many updates in flight
	MaxConnections int    // webhook connections Telegram may open (default 40)
	PollTimeout    time.Duration
	Engine         Engine
	Observer       Observer
	Logger         *slog.Logger
	ChatLabel      func(chatID string) string // safe log label (keyed hash); nil logs "-"
	Transport      http.RoundTripper          // under the retries and pacing; nil: defaultTransport
	Now            func() time.Time           // nil: time.Now
	DrainTimeout   time.Duration              // shutdown: how long in-flight updates may finish (default 8 s)
	ChatBurst      int                        // messages a chat gets at once before pacing at 1/s (default 10)
	StaffChatID    int64                      // staff group for flows.Reply.ToStaff (STAFF_CHAT_ID); 0 = such replies are dropped
	Threads        Threads                    // human handoff registry; nil = staff replies are not relayed
	RemindAfter    time.Duration              // re-announce an unanswered request after this; 0 = never
	RemindEvery    time.Duration              // how often due reminders are looked for (default 15 s)
	Journal        Journal                    // polling: keeps fetched updates until handled (store.Journal); nil = none
	Retryable      func(error) bool           // engine errors meaning the session store is unreachable: the update is held and retried; nil = none
	NoticeAfter    time.Duration              // a held update's chat gets one outage notice after this; 0 = never
	LeaveDelay     time.Duration              // webhook: on stop, not ready but still taking updates this long, so a proxy's health check takes the replica out first; 0 = none
	ApproveAlerts  Approver                   // a staff member pressed ApproveAlertsData; nil = the button does nothing
}

// Defaults and bounds.
const (
	DefaultAPIURL  = "https://api.telegram.org"
	defaultWorkers = 32
	defaultPoll    = 30 * time.Second
	defaultDrain   = 8 * time.Second // graceful shutdown: in-flight updates get this long
	// defaultChatBurst lets one chat get a whole screen (keyboard message, question, map pin,
	// contact) and a few quick taps without a pause: a reply split by a 1 s pacing delay
	// shows the user half a screen. Telegram's 429s, honoured per chat, still bound abuse.
	defaultChatBurst = 10
	// queueWorkers times Workers bounds the chat queues' workers: above the updates polling
	// keeps in flight (twice Workers) plus as many button answers, so a chat waiting on
	// Telegram does not hold up others.
	queueWorkers = 4
)

// Bot is a running Telegram channel; create it with New.
type Bot struct {
	cfg       Config
	log       *slog.Logger
	obs       Observer
	tg        *tgbotapi.BotAPI // the library client; b.api(ctx) binds it to a call's context
	transport *apiTransport    // the library's requests go through it (ctxClient)
	chats     *chatQueues
	slots     chan struct{} // engine calls in progress (runEngine)
	// jobs is the context of queued updates: shutdown cancels it once they had their time.
	jobs     context.Context
	stopJobs context.CancelFunc
	state    *chatState
	screens  *screens // edits a newer press on the same message may replace
	outage   *outage
	hooks    *webhookIntake
	ready    atomic.Bool
	leaving  atomic.Bool // not ready, still taking updates (LeaveDelay)
	stopping atomic.Bool
	// sayAllowed sends allowed_updates with the next getUpdates (the poll loop's alone).
	sayAllowed bool
	pollBufs   sync.Pool // of *bytes.Buffer: getUpdates answers (pollClient)
}

// New checks the configuration and creates the library client, which calls getMe, so a
// bad token or an unreachable API fails at start; no error it returns contains the token.
func New(ctx context.Context, cfg Config) (*Bot, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	transport := newTransport(cfg.Transport, cfg.Observer, cfg.Now, cfg.ChatBurst)
	tg, err := connect(ctx, cfg, transport)
	if err != nil {
		return nil, fmt.Errorf("bot: checking the token with getMe: %w", err)
	}
	jobs, stop := context.WithCancel(context.Background())
	b := &Bot{
		cfg: cfg, log: cfg.Logger.With("component", "bot"), obs: cfg.Observer, tg: tg, transport: transport,
		chats: newChatQueues(queueWorkers * cfg.Workers), slots: make(chan struct{}, cfg.Workers),
		jobs: jobs, stopJobs: stop, state: newChatState(), screens: newScreens(), outage: newOutage(),
	}
	b.hooks = newWebhookIntake(b)
	b.pollBufs.New = func() any { return new(bytes.Buffer) }
	return b, nil
}

// withDefaults validates cfg and fills its defaults.
func withDefaults(cfg Config) (Config, error) {
	if cfg.Token == "" {
		return cfg, errors.New("bot: no token")
	}
	if cfg.Engine == nil {
		return cfg, errors.New("bot: no engine")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	switch cfg.Mode {
	case "", "polling":
		cfg.Mode = "polling"
	case "webhook":
		if cfg.WebhookURL == "" || cfg.WebhookSecret == "" {
			return cfg, errors.New("bot: webhook mode needs a webhook URL and a secret")
		}
	default:
		return cfg, fmt.Errorf("bot: unknown mode %q (want polling or webhook)", cfg.Mode)
	}
	cfg.Workers = defaultInt(cfg.Workers, defaultWorkers)
	cfg.MaxConnections = defaultInt(cfg.MaxConnections, 40)
	cfg.ChatBurst = defaultInt(cfg.ChatBurst, defaultChatBurst)
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = defaultPoll
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.DrainTimeout <= 0 || cfg.DrainTimeout > defaultDrain {
		cfg.DrainTimeout = defaultDrain
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RemindEvery <= 0 {
		// Look for due reminders at least twice per delay, so one comes at most half a delay late.
		cfg.RemindEvery = min(defaultRemindEvery, max(cfg.RemindAfter/2, 100*time.Millisecond))
	}
	return cfg, nil
}

// defaultInt returns v, or def when v is not positive.
func defaultInt(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Username is the bot's @name as getMe reported it, for deep links.
func (b *Bot) Username() string { return b.tg.Self.UserName }

// Ping checks that Telegram answers now (getMe), for readiness probes that want it.
func (b *Bot) Ping(ctx context.Context) error {
	if _, err := b.api(ctx).GetMe(); err != nil {
		return apiErr("getMe", err, b.cfg.Token)
	}
	return nil
}

// Ready reports whether the bot is taking updates: polling has answered or the webhook is
// registered, and shutdown has not begun.
func (b *Bot) Ready() bool { return b.ready.Load() && !b.leaving.Load() && !b.stopping.Load() }

// Run takes updates until ctx ends, then stops intake, lets in-flight updates finish
// (bounded), confirms what was handled and returns, all within 10 seconds.
func (b *Bot) Run(ctx context.Context) error {
	b.setCommands(ctx)
	if b.cfg.Threads != nil && b.cfg.StaffChatID != 0 && b.cfg.RemindAfter > 0 {
		go b.remindLoop(ctx)
	}
	if b.cfg.Mode == "webhook" {
		return b.runWebhook(ctx)
	}
	return b.runPolling(ctx)
}

// setCommands publishes the French command menu as the default for everyone.
func (b *Bot) setCommands(ctx context.Context) {
	if err := b.publishCommands(ctx, "fr", nil); err != nil {
		b.log.Warn("setMyCommands failed", "err", err)
	}
}

// shutdown waits for in-flight work, then cancels whatever is still running.
func (b *Bot) shutdown() bool {
	b.stopping.Store(true)
	drained := b.chats.wait(b.cfg.DrainTimeout)
	b.stopJobs()
	if !drained {
		b.log.Warn("shutdown: some updates were still running and were cancelled")
		b.chats.wait(time.Second)
	}
	b.chats.stop()
	return drained
}

// chatLabel is the loggable stand-in for a chat id.
func (b *Bot) chatLabel(id string) string {
	if b.cfg.ChatLabel == nil {
		return "-"
	}
	return b.cfg.ChatLabel(id)
}

// nopObserver is the Observer used when none is configured.
type nopObserver struct{}

func (nopObserver) Update(string)                {}
func (nopObserver) Handled(time.Duration, error) {}
func (nopObserver) Reply()                       {}
func (nopObserver) APICall(string, int)          {}
func (nopObserver) RetryAfter(time.Duration)     {}
func (nopObserver) Held(int)                     {}
func (nopObserver) OutageNotice()                {}
