package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/locales"
	"github.com/samayoon/samayoon/store"
)

// sessions is the opened session store with what must be closed at exit.
type sessions struct {
	store  *store.Store
	client store.Client
	close  func()
}

// openSessions connects to the configured Redis, or starts the embedded one and says so once.
func openSessions(ctx context.Context, cfg store.Config, notice io.Writer, logger *slog.Logger) (*sessions, error) {
	stop := func() {}
	if !cfg.Configured() {
		url, stopEmbedded, err := store.Embedded()
		if err != nil {
			return nil, fmt.Errorf("starting the embedded Redis: %w", err)
		}
		fmt.Fprintln(notice, "REDIS_URL is not set: using an embedded in-memory Redis (sessions end when samayoon stops).")
		cfg.URL, stop = url, stopEmbedded
	}
	client, err := store.Open(ctx, cfg, logger)
	if err != nil {
		stop()
		return nil, fmt.Errorf("connecting to Redis: %w", err)
	}
	closeAll := func() { _ = client.Close(); stop() }
	return &sessions{store: store.New(client, store.Options{Logger: logger}), client: client, close: closeAll}, nil
}

// loadCatalog loads path, or the embedded catalog when path is empty.
func loadCatalog(path string) (*catalog.Catalog, error) {
	if path == "" {
		return catalog.Default()
	}
	return catalog.Load(path)
}

// newEngine builds the conversation engine over a store and a catalog holder; rec (may be nil)
// receives anonymous statistics, staff says the channel delivers staff notes, al (may be nil)
// keeps alert subscriptions.
func newEngine(st flows.Store, holder *catalog.Holder, cfg config.Config, logger *slog.Logger, rec flows.Recorder, staff bool, al flows.Alerts) (*flows.Engine, error) {
	bundle, err := locales.NewBundle()
	if err != nil {
		return nil, fmt.Errorf("loading messages: %w", err)
	}
	return flows.New(flows.Config{
		Store:    st,
		Catalog:  func() flows.Catalog { return holder.Current() },
		Bundle:   bundle,
		TTL:      cfg.SessionTTL,
		Operator: cfg.Operator,
		Logger:   logger,
		Recorder: rec,
		Staff:    staff,
		Alerts:   al,
	})
}

// handoffThreads is the Redis registry of the human handoff, or nil without a staff group.
func handoffThreads(sess *sessions, cfg config.Config) bot.Threads {
	if cfg.StaffChatID == 0 {
		return nil
	}
	return staffThreads{store.NewThreads(sess.client, "", cfg.StaffChatID, 0)}
}

// staffThreads adapts store.Threads to the bot's Threads (the two Reminder types match).
type staffThreads struct{ *store.Threads }

// Schedule queues a reminder.
func (s staffThreads) Schedule(ctx context.Context, r bot.Reminder) error {
	return s.Threads.Schedule(ctx, store.Reminder(r))
}

// Due claims the reminders due at now.
func (s staffThreads) Due(ctx context.Context, now time.Time, max int) ([]bot.Reminder, error) {
	rs, err := s.Threads.Due(ctx, now, max)
	out := make([]bot.Reminder, len(rs))
	for i, r := range rs {
		out[i] = bot.Reminder(r)
	}
	return out, err
}
