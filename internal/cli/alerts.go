package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/store"
)

// How often the bot looks for a reloaded catalog, and re-checks windows opening by date.
const (
	alertsReloadPoll = 5 * time.Second
	alertsRecheck    = time.Hour
)

// alertsCommand runs "samayoon alerts preview" (what is waiting, per offer) and "samayoon
// alerts send" (release it, when ALERTS_REQUIRE_APPROVAL=true) against the bot's Redis.
func alertsCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] != "preview" && args[0] != "send" {
		fmt.Fprintln(stderr, "usage: samayoon alerts preview|send")
		return 2
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: configuration problems:\n%v\n", err)
		return 2
	}
	rc := redisConfig(cfg)
	if !rc.Configured() {
		fmt.Fprintln(stderr, "samayoon alerts: REDIS_URL is not set: alerts live in the bot's Redis")
		return 1
	}
	quiet := slog.New(slog.DiscardHandler)
	client, err := store.Open(ctx, rc, quiet)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon alerts: connecting to Redis: %v\n", err)
		return 1
	}
	defer client.Close()
	q := store.NewAlerts(client, "")
	if args[0] == "send" {
		err = releaseAlerts(ctx, q, stdout)
	} else {
		cat, _ := loadCatalog(cfg.CatalogFile) // names only: a broken file leaves ids
		err = previewAlerts(ctx, q, cat, cfg.AlertsRequireApproval, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "samayoon alerts: %v\n", err)
		return 1
	}
	return 0
}

// previewAlerts prints each change waiting for release with how many chats it can reach,
// then what the queues hold.
func previewAlerts(ctx context.Context, q *store.Alerts, cat *catalog.Catalog, approval bool, w io.Writer) error {
	held, err := q.Held(ctx)
	if err != nil {
		return err
	}
	sort.Slice(held, func(i, j int) bool { return held[i].ID() < held[j].ID() })
	if approval {
		fmt.Fprintf(w, "ALERTS_REQUIRE_APPROVAL=true: %d change(s) wait for `samayoon alerts send`.\n", len(held))
	} else {
		fmt.Fprintf(w, "ALERTS_REQUIRE_APPROVAL is off: alerts go out as soon as the bot detects them (%d waiting).\n", len(held))
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	if len(held) > 0 {
		fmt.Fprintln(tw, "offer\tkind\tdate\tchats (at most)\tname")
	}
	for _, c := range held {
		n, err := q.Reach(ctx, c)
		if err != nil {
			return err
		}
		kind := "new"
		if c.Remind {
			kind = "closes soon"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", c.Offer, kind, c.Date, n, offerName(cat, c.Offer))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write preview: %w", err)
	}
	fan, send, later, err := q.QueueSizes(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Queued: %d change(s) to fan out, %d chat(s) to message now, %d chat(s) tomorrow (one message a day).\n", fan, send, later)
	return nil
}

// offerName is the offer's French name, "" when the catalog does not have it.
func offerName(cat *catalog.Catalog, id string) string {
	if cat == nil {
		return ""
	}
	if o, _, ok := cat.Offer(id); ok {
		name, _ := o.Name.In("fr")
		return name
	}
	return "(no longer in the catalog)"
}

// releaseAlerts queues every held change for sending.
func releaseAlerts(ctx context.Context, q *store.Alerts, w io.Writer) error {
	n, err := q.Release(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d change(s) released; the running bot sends them at ALERTS_RATE.\n", n)
	return nil
}

// alertWiring is what runAlerts needs from the bot's start-up.
type alertWiring struct {
	queue   *store.Alerts
	holder  *catalog.Holder
	render  alerts.Renderer
	sender  alerts.Sender
	limiter *alerts.Limiter
	rec     flows.Recorder
	staff   func(ctx context.Context, text string) (int, error) // posts the approval button; nil: no staff group
}

// startAlerts runs the alerts beside the bot; stop ends them and waits.
func startAlerts(ctx context.Context, cfg config.Config, w alertWiring, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); runAlerts(ctx, cfg, w, logger) }()
	return func() { cancel(); <-done }
}

// runAlerts checks the catalog for news (at start, after each reload, and hourly for
// windows opening by date) and runs the dispatcher, until ctx ends.
func runAlerts(ctx context.Context, cfg config.Config, w alertWiring, logger *slog.Logger) {
	log := logger.With("component", "alerts")
	host, _ := os.Hostname()
	d, err := alerts.NewDispatcher(alerts.Config{Queue: w.queue, Sender: w.sender, Render: w.render,
		Limiter: w.limiter, Recorder: w.rec, Consumer: host + "-" + strconv.Itoa(os.Getpid()), Logger: logger})
	if err != nil {
		log.Error("alerts not started", "err", err)
		return
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() { _ = d.Run(ctx) })
	var last *catalog.Catalog
	var checked time.Time
	tick := time.NewTicker(alertsReloadPoll)
	defer tick.Stop()
	for {
		if cur := w.holder.Current(); cur != last || time.Since(checked) >= alertsRecheck {
			news, err := alerts.Check(ctx, w.queue, cur, time.Now(), cfg.AlertsRequireApproval)
			if err != nil {
				log.WarnContext(ctx, "alert check failed; will retry", "err", err)
			} else {
				last, checked = cur, time.Now()
				if len(news) > 0 {
					log.InfoContext(ctx, "new alerts", "changes", len(news), "approval", cfg.AlertsRequireApproval)
					askApproval(ctx, cfg, w, cur, log)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// askApproval posts the held alerts with the approval button in the staff group. Only the
// replica whose Record call returned the news gets here, so the post is made once.
func askApproval(ctx context.Context, cfg config.Config, w alertWiring, cat *catalog.Catalog, log *slog.Logger) {
	if !cfg.AlertsRequireApproval || w.staff == nil {
		return
	}
	text, err := approvalText(ctx, w.queue, cat)
	if err == nil && text != "" {
		_, err = w.staff(ctx, text)
	}
	if err != nil {
		log.WarnContext(ctx, "approval not asked in the staff group; `samayoon alerts send` still works", "err", err)
	}
}

// replyMeter passes the bot's metrics on, gives each conversation message sent its slot in
// the alerts' limiter (replies always go before alerts), and pauses alerts while Telegram
// asks the bot to wait (a 429 on any call).
type replyMeter struct {
	bot.Observer
	lim *alerts.Limiter
}

// Reply counts one message sent to a user.
func (r replyMeter) Reply() {
	r.Observer.Reply()
	r.lim.Reply()
}

// RetryAfter counts a 429 wait and holds alerts back as long.
func (r replyMeter) RetryAfter(d time.Duration) {
	r.Observer.RetryAfter(d)
	r.lim.Pause(time.Now().Add(d))
}

// botAlerts is the Telegram side of the alerts: bot.SendAlert with its errors mapped.
type botAlerts struct{ b *bot.Bot }

// Send shows one alert message.
func (s botAlerts) Send(ctx context.Context, chat, text string, buttons [][]flows.Choice) error {
	err := s.b.SendAlert(ctx, chat, text, buttons)
	var ra *bot.RetryAfterError
	switch {
	case errors.As(err, &ra):
		return &alerts.RetryAfterError{After: ra.After}
	case errors.Is(err, bot.ErrBlocked):
		return alerts.ErrBlocked
	}
	return err
}
