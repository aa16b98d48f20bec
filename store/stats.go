package store

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/flows"
)

// Statistics defaults.
const (
	DefaultStatsRetention = 400 * 24 * time.Hour // a year of meetings, plus margin
	DefaultStatsFlush     = 10 * time.Second
	maxStatsField         = 80   // longer field names are dropped: they cannot be ours
	maxPendingFields      = 5000 // distinct day+field pairs buffered before new ones are dropped
	// MaxStatsFields bounds one day's hash: past it, new field names (e.g. forged poster
	// codes in deep links) are counted under StatsOverflow instead.
	MaxStatsFields = 2000
	StatsOverflow  = "overflow"
)

// incrScript adds counts to one day's hash, keeping it under a field limit: KEYS = the day's
// hash; ARGV = retention ms, max fields, overflow field, then field, count pairs.
const incrScript = `
local max = tonumber(ARGV[2])
for i = 4, #ARGV, 2 do
  local f = ARGV[i]
  if redis.call('HEXISTS', KEYS[1], f) == 0 and redis.call('HLEN', KEYS[1]) >= max then f = ARGV[3] end
  redis.call('HINCRBY', KEYS[1], f, ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0
`

// Stats keeps anonymous daily counters in Redis, one hash per day: sy:stats:2026-11-29 →
// field → count. Record only adds to an in-memory buffer; Flush (called by Run every few
// seconds and at shutdown) sends everything in ONE pipeline of HINCRBY + EXPIRE, so the
// conversation's Load + Save stay its only two round trips per update.
type Stats struct {
	client    redis.UniversalClient
	prefix    string
	retention time.Duration
	log       *slog.Logger

	mu      sync.Mutex
	pending map[string]map[string]int64 // day → field → count not yet flushed
	size    int
	dropped int64
}

// Compile-time check that Stats is what the engine consumes.
var _ flows.Recorder = (*Stats)(nil)

// StatsOptions tunes Stats; the zero value is usable.
type StatsOptions struct {
	Prefix    string        // key prefix, default "sy:"
	Retention time.Duration // how long a day's counters are kept, default 400 days
	Logger    *slog.Logger  // default slog.Default()
}

// NewStats returns a Stats over client; it does not contact Redis.
func NewStats(client redis.UniversalClient, opts StatsOptions) *Stats {
	s := &Stats{client: client, prefix: cmp.Or(opts.Prefix, DefaultPrefix), retention: opts.Retention, log: opts.Logger,
		pending: map[string]map[string]int64{}}
	if s.retention <= 0 {
		s.retention = DefaultStatsRetention
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("component", "stats")
	return s
}

// StatsKey is the hash holding the counters of day ("2006-01-02").
func (s *Stats) StatsKey(day string) string { return s.prefix + "stats:" + day }

// Record buffers one increment per field; it never waits for Redis. Fields that are not
// short names of [a-z0-9:_-] are refused, so no text can ever reach the statistics.
func (s *Stats) Record(_ context.Context, day string, fields ...string) {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range fields {
		if !validField(f) {
			s.dropped++
			continue
		}
		m := s.pending[day]
		if m == nil {
			m = map[string]int64{}
			s.pending[day] = m
		}
		if _, ok := m[f]; !ok {
			if s.size >= maxPendingFields {
				s.dropped++
				continue
			}
			s.size++
		}
		m[f]++
	}
}

// validField reports whether f is a bounded statistics name: short, of [a-z0-9:_-], and
// without a run of six digits or more (a chat id or a phone number never gets in by mistake).
func validField(f string) bool {
	if f == "" || len(f) > maxStatsField {
		return false
	}
	digits := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ':' || c == '_' || c == '-') {
			return false
		}
		if digits++; c < '0' || c > '9' {
			digits = 0
		}
		if digits >= 6 {
			return false
		}
	}
	return true
}

// take swaps out the buffered counters.
func (s *Stats) take() (map[string]map[string]int64, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, dropped := s.pending, s.dropped
	s.pending, s.size, s.dropped = map[string]map[string]int64{}, 0, 0
	return out, dropped
}

// Flush writes the buffered counters in one pipeline (one bounded HINCRBY script per day); on failure they are put back and
// retried at the next flush, so a short Redis outage loses no count.
func (s *Stats) Flush(ctx context.Context) error {
	batch, dropped := s.take()
	if dropped > 0 {
		s.log.WarnContext(ctx, "statistics fields refused", "count", dropped)
	}
	if len(batch) == 0 {
		return nil
	}
	_, err := s.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for day, fields := range batch {
			args := []any{s.retention.Milliseconds(), MaxStatsFields, StatsOverflow}
			for f, n := range fields {
				args = append(args, f, n)
			}
			p.Eval(ctx, incrScript, []string{s.StatsKey(day)}, args...)
		}
		return nil
	})
	if err != nil {
		s.putBack(batch)
		return fmt.Errorf("store: flush statistics: %w", err)
	}
	return nil
}

// putBack merges an unsent batch into the buffer.
func (s *Stats) putBack(batch map[string]map[string]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for day, fields := range batch {
		for f, n := range fields {
			m := s.pending[day]
			if m == nil {
				m = map[string]int64{}
				s.pending[day] = m
			}
			if _, ok := m[f]; !ok {
				s.size++
			}
			m[f] += n
		}
	}
}

// Run flushes every interval until ctx ends, then once more with a short deadline of its own.
func (s *Stats) Run(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = DefaultStatsFlush
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			last, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
			defer cancel()
			if err := s.Flush(last); err != nil {
				s.log.ErrorContext(last, "final statistics flush failed", "err", err)
			}
			return
		case <-tick.C:
			if err := s.Flush(ctx); err != nil {
				s.log.WarnContext(ctx, "statistics flush failed; will retry", "err", err)
			}
		}
	}
}

// Days reads the counters of every day from..to (inclusive) in one pipeline; days without
// counters are absent from the result.
func (s *Stats) Days(ctx context.Context, from, to time.Time) (map[string]map[string]int64, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("store: statistics from %s is after to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	var cmds []*redis.MapStringStringCmd
	var days []string
	_, err := s.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			day := d.Format(time.DateOnly)
			days = append(days, day)
			cmds = append(cmds, p.HGetAll(ctx, s.StatsKey(day)))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read statistics: %w", err)
	}
	return parseDays(days, cmds)
}

// parseDays turns HGETALL answers into counts.
func parseDays(days []string, cmds []*redis.MapStringStringCmd) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	for i, c := range cmds {
		if len(c.Val()) == 0 {
			continue
		}
		m := map[string]int64{}
		for f, v := range c.Val() {
			var n int64
			if _, err := fmt.Sscan(v, &n); err != nil {
				return nil, fmt.Errorf("store: statistics %s field %s: %w", days[i], f, err)
			}
			m[f] = n
		}
		out[days[i]] = m
	}
	return out, nil
}
