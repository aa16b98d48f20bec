package alerts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/samayoon/samayoon/flows"
)

// Defaults of a Dispatcher.
const (
	DefaultWorkers = 8 // sends in flight (Telegram answers in 100-300 ms)
	// DefaultIdle is how long an entry held by a silent consumer waits before another takes it
	// over: longer than any 429 wait a live one may be in (at most 5 minutes), so a slow
	// sender is never mistaken for a dead one.
	DefaultIdle  = 10 * time.Minute
	DefaultBlock = 2 * time.Second  // how long one read waits for new entries
	DefaultBatch = 500              // SSCAN batch of the fan-out
	promoteEvery = 30 * time.Second // how often tomorrow's chats are checked
)

// Config wires a Dispatcher.
type Config struct {
	Queue    Queue
	Sender   Sender
	Render   Renderer
	Limiter  *Limiter
	Recorder flows.Recorder // counts alerts sent; may be nil
	Consumer string         // unique per process (e.g. host and pid)
	Now      func() time.Time
	Logger   *slog.Logger
	Workers  int
	Idle     time.Duration
	Block    time.Duration
	Batch    int
}

// Dispatcher fans released changes out to subscribers and sends the queued messages; run
// one per replica: the streams' consumer groups give each entry to one of them.
type Dispatcher struct {
	cfg Config
	log *slog.Logger
}

// NewDispatcher fills the defaults.
func NewDispatcher(cfg Config) (*Dispatcher, error) {
	if cfg.Queue == nil || cfg.Sender == nil || cfg.Render == nil || cfg.Limiter == nil || cfg.Consumer == "" {
		return nil, errors.New("alerts: Config needs Queue, Sender, Render, Limiter and Consumer")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultIdle
	}
	if cfg.Block <= 0 {
		cfg.Block = DefaultBlock
	}
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	return &Dispatcher{cfg: cfg, log: cfg.Logger.With("component", "alerts")}, nil
}

// Run fans out and sends until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Go(func() { d.loop(ctx, "fan-out", d.FanOnce) })
	wg.Go(func() { d.loop(ctx, "send", d.SendOnce) })
	wg.Go(func() { d.promote(ctx) })
	wg.Wait()
	return nil
}

// loop runs step until ctx ends, backing off after a failure.
func (d *Dispatcher) loop(ctx context.Context, name string, step func(context.Context) (int, error)) {
	for ctx.Err() == nil {
		if _, err := step(ctx); err != nil && ctx.Err() == nil {
			d.log.WarnContext(ctx, "alerts step failed; retrying", "step", name, "err", err)
			sleep(ctx, 5*time.Second)
		}
	}
}

// promote queues again, every little while, the chats whose day has passed.
func (d *Dispatcher) promote(ctx context.Context) {
	for ctx.Err() == nil {
		if _, err := d.cfg.Queue.Promote(ctx, d.cfg.Now()); err != nil && ctx.Err() == nil {
			d.log.WarnContext(ctx, "alerts promote failed", "err", err)
		}
		sleep(ctx, promoteEvery)
	}
}

// FanOnce fans out the released changes one read returns; it returns how many chats were queued.
func (d *Dispatcher) FanOnce(ctx context.Context) (int, error) {
	fans, err := d.cfg.Queue.ReadFan(ctx, d.cfg.Consumer, d.cfg.Idle, d.cfg.Block)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, f := range fans {
		n, err := d.cfg.Queue.FanOut(ctx, f.Change, d.cfg.Batch)
		total += n
		if err != nil {
			return total, fmt.Errorf("alerts: fan out %s: %w", f.Change.ID(), err)
		}
		if err := d.cfg.Queue.AckFan(ctx, f.ID); err != nil {
			return total, err
		}
		d.log.InfoContext(ctx, "alert fanned out", "change", f.Change.ID(), "chats", n)
	}
	return total, nil
}

// SendOnce sends the entries one read returns, Workers at a time, deciding and then
// acknowledging them in one round trip each; it returns how many messages were sent. An
// entry that failed stays pending and is taken over after Idle (by this or another replica).
func (d *Dispatcher) SendOnce(ctx context.Context) (int, error) {
	entries, err := d.cfg.Queue.ReadSend(ctx, d.cfg.Consumer, 8*d.cfg.Workers, d.cfg.Idle, d.cfg.Block)
	if err != nil || len(entries) == 0 {
		return 0, err
	}
	tasks, err := d.cfg.Queue.Take(ctx, entries, d.cfg.Now())
	if err != nil {
		return 0, err
	}
	sent, errs := make([]bool, len(entries)), make([]error, len(entries))
	next := make(chan int)
	var wg sync.WaitGroup
	for range d.cfg.Workers {
		wg.Go(func() {
			for i := range next {
				if tasks[i].Action == ActSend {
					sent[i], errs[i] = d.deliver(ctx, entries[i].Chat, tasks[i])
				}
			}
		})
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	return d.finish(ctx, entries, sent, errs)
}

// finish acknowledges the entries that need no retry and logs the others, which stay
// pending: one failed message must not hold the broadcast back.
func (d *Dispatcher) finish(ctx context.Context, entries []Entry, sent []bool, errs []error) (int, error) {
	done, n, failed := make([]Entry, 0, len(entries)), 0, 0
	var first error
	for i, e := range entries {
		switch {
		case errs[i] == nil:
			done = append(done, e)
		case first == nil:
			first, failed = errs[i], failed+1
		default:
			failed++
		}
		if sent[i] {
			n++
		}
	}
	if failed > 0 && ctx.Err() == nil {
		d.log.WarnContext(ctx, "alerts not sent; retried later", "count", failed, "err", first)
	}
	// Acknowledge even if the context just ended: those messages are out.
	return n, d.cfg.Queue.Done(context.WithoutCancel(ctx), done)
}

// deliver renders and sends a chat's message at the limiter's pace: a 429 pauses every
// alert for retry_after and tries again, a 403 removes the chat's alerts.
func (d *Dispatcher) deliver(ctx context.Context, chat string, task Task) (bool, error) {
	items := make([]flows.AlertItem, 0, len(task.Items))
	for _, s := range task.Items {
		if it, ok := ParseItem(s); ok {
			items = append(items, it)
		}
	}
	msg, ok := d.cfg.Render.AlertMessage(task.Lang, items)
	if !ok {
		return false, nil // every offer closed since: nothing worth a message
	}
	for {
		if err := d.cfg.Limiter.Wait(ctx); err != nil {
			return false, err
		}
		err := d.cfg.Sender.Send(ctx, chat, msg.Text, msg.Choices)
		var ra *RetryAfterError
		switch {
		case err == nil:
			d.count(StatSent)
			return true, nil
		case errors.As(err, &ra):
			d.cfg.Limiter.Pause(d.cfg.Now().Add(ra.After))
		case errors.Is(err, ErrBlocked):
			d.count(StatBlocked)
			_, err := d.cfg.Queue.UnsubscribeAll(ctx, chat)
			return false, err
		default:
			return false, fmt.Errorf("alerts: send: %w", err)
		}
	}
}

// Statistics the dispatcher counts (the engine counts opened and stopped).
const (
	StatSent    = flows.StatAlertSent
	StatBlocked = "alert_blocked"
)

// count records a statistics field for today.
func (d *Dispatcher) count(field string) {
	if d.cfg.Recorder != nil {
		d.cfg.Recorder.Record(context.Background(), flows.Day(d.cfg.Now()), field)
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
