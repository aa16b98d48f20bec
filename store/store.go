// Package store keeps Sama Yoon's per-chat sessions in Redis (go-redis v9): one compact
// string per chat with a revision for compare-and-set, plus a small per-chat sorted set of
// handled update ids for at-most-once handling. It implements flows.Store.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/samayoon/samayoon/flows"
)

// Defaults used when Options leaves a field zero.
const (
	DefaultPrefix       = "sy:"
	DefaultDedupeWindow = 25 * time.Hour
	DefaultTTL          = 30 * 24 * time.Hour
)

// Options tunes a Store; the zero value is usable.
type Options struct {
	Prefix       string           // key prefix, default "sy:"
	DedupeWindow time.Duration    // how long an update id stays "handled", default 25h
	Logger       *slog.Logger     // default slog.Default()
	Now          func() time.Time // clock for dedupe timestamps, default time.Now
	// Dictionary reads sessions stored DEFLATE-compressed before the token codec (default
	// DefaultDictionary); with another one such sessions restart politely.
	Dictionary []byte
	Plain      bool // store sessions uncompressed ("<rev>|<json>"), e.g. to inspect them
}

// Store is the Redis session store; safe for concurrent use by many goroutines and replicas.
type Store struct {
	client redis.UniversalClient
	prefix string
	window time.Duration
	log    *slog.Logger
	now    func() time.Time
	codec  *codec
}

// Compile-time check that Store is what the engine consumes.
var _ flows.Store = (*Store)(nil)

// New returns a Store over client; it does not contact Redis.
func New(client redis.UniversalClient, opts Options) *Store {
	s := &Store{client: client, prefix: opts.Prefix, window: opts.DedupeWindow, log: opts.Logger, now: opts.Now}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if s.window <= 0 {
		s.window = DefaultDedupeWindow
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("component", "store")
	if s.now == nil {
		s.now = time.Now
	}
	dict := opts.Dictionary
	if dict == nil {
		dict = []byte(DefaultDictionary)
	}
	if opts.Plain {
		dict = nil
	}
	s.codec = newCodec(dict)
	return s
}

// Ping reports whether Redis answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: ping redis: %w", err)
	}
	return nil
}

// Load returns the chat's session and revision in one round trip (GET + ZSCORE pipelined).
func (s *Store) Load(ctx context.Context, chat, updateID string) ([]byte, int64, error) {
	k := s.keys(chat)
	var get *redis.StringCmd
	var seen *redis.FloatCmd
	_, err := s.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		get = p.Get(ctx, k.session)
		if updateID != "" {
			seen = p.ZScore(ctx, k.dedupe, updateID)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, 0, fmt.Errorf("store: load session: %w", err)
	}
	if seen != nil {
		if err := seen.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return nil, 0, fmt.Errorf("store: load update: %w", err)
		}
		if seen.Err() == nil && s.fresh(seen.Val()) {
			return nil, 0, fmt.Errorf("store: load update: %w", flows.ErrDuplicate)
		}
	}
	raw, err := get.Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: load session: %w", err)
	}
	data, rev, ok := s.decode(raw)
	if !ok {
		s.log.WarnContext(ctx, "stored session is malformed; starting afresh")
	}
	return data, rev, nil
}

// fresh reports whether a dedupe timestamp (unix ms) is still inside the window.
func (s *Store) fresh(ms float64) bool {
	return int64(ms) > s.now().Add(-s.window).UnixMilli()
}

// Save stores data if the revision is still rev, records updateID and sets the TTL, in one script.
func (s *Store) Save(ctx context.Context, chat, updateID string, data []byte, rev int64, ttl time.Duration) error {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	k := s.keys(chat)
	now := s.now().UnixMilli()
	res, err := saveScript.Run(ctx, s.client, []string{k.session, k.dedupe},
		rev, s.codec.encode(data), ttl.Milliseconds(), updateID, now, s.window.Milliseconds()).Int64()
	if err != nil {
		return fmt.Errorf("store: save session: %w", err)
	}
	switch res {
	case codeConflict:
		return fmt.Errorf("store: save session at revision %d: %w", rev, flows.ErrConflict)
	case codeDuplicate:
		return fmt.Errorf("store: save session: %w", flows.ErrDuplicate)
	case codeCorrupt:
		s.log.WarnContext(ctx, "stored session has no revision; overwriting")
	}
	return nil
}

// Delete removes every key of the chat (session and dedupe record) in one command.
func (s *Store) Delete(ctx context.Context, chat string) error {
	if err := deleteLinks(ctx, s.client, s.prefix, chat); err != nil {
		return fmt.Errorf("store: delete chat's staff links: %w", err)
	}
	if err := s.client.Del(ctx, s.keys(chat).all()...).Err(); err != nil {
		return fmt.Errorf("store: delete chat: %w", err)
	}
	return nil
}

// decode splits a stored "<rev><mark><payload>" value. When it is malformed ok is false and
// data nil, with the stored revision (0 if unreadable) so the next Save overwrites it.
func (s *Store) decode(raw []byte) (data []byte, rev int64, ok bool) {
	i := 0
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		i++
	}
	rev, err := strconv.ParseInt(string(raw[:i]), 10, 64)
	if err != nil || rev <= 0 {
		return nil, 0, false
	}
	data, ok = s.codec.decode(raw[i:])
	if !ok {
		return nil, rev, false
	}
	return data, rev, true
}
