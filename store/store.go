// Package store keeps Sama Yoon's per-chat sessions in Redis (go-redis v9): one compact
// string per chat with a revision for compare-and-set and the chat's latest handled update
// ids for at-most-once handling. It implements flows.Store.
package store

import (
	"cmp"
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
	DefaultPrefix = "sy:"
	DefaultTTL    = 30 * 24 * time.Hour
)

// Options tunes a Store; the zero value is usable.
type Options struct {
	Prefix string       // key prefix, default "sy:"
	Logger *slog.Logger // default slog.Default()
	// Dictionary reads sessions stored DEFLATE-compressed before the token codec (default
	// DefaultDictionary); with another one such sessions restart politely.
	Dictionary []byte
	Plain      bool // store sessions uncompressed ("<rev>|<json>"), e.g. to inspect them
}

// Store is the Redis session store; safe for concurrent use by many goroutines and replicas.
type Store struct {
	client redis.UniversalClient
	prefix string
	log    *slog.Logger
	codec  *codec
}

// Compile-time check that Store is what the engine consumes.
var _ flows.Store = (*Store)(nil)

// New returns a Store over client; it does not contact Redis.
func New(client redis.UniversalClient, opts Options) *Store {
	s := &Store{client: client, prefix: cmp.Or(opts.Prefix, DefaultPrefix), log: opts.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("component", "store")
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

// Load returns the chat's session and revision in one GET; ErrDuplicate when updateID is
// one of the chat's latest handled updates, which the session value carries.
func (s *Store) Load(ctx context.Context, chat, updateID string) ([]byte, int64, error) {
	raw, err := s.client.Get(ctx, sessionKey(s.prefix, chat)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: load session: %w", err)
	}
	data, rev, seen, ok := s.decode(raw)
	if code := seenCode(updateID); code != "" && seenIn(seen, code) {
		return nil, 0, fmt.Errorf("store: load update: %w", flows.ErrDuplicate)
	}
	if !ok {
		s.log.WarnContext(ctx, "stored session is malformed; starting afresh")
	}
	return data, rev, nil
}

// Save stores data if the revision is still rev, records updateID among the chat's latest
// handled updates and sets the TTL, in one script.
func (s *Store) Save(ctx context.Context, chat, updateID string, data []byte, rev int64, ttl time.Duration) error {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	res, err := saveScript.Run(ctx, s.client, []string{sessionKey(s.prefix, chat)},
		rev, s.codec.encode(data), ttl.Milliseconds(), seenCode(updateID)).Int64()
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

// Delete removes every key of the chat (session, staff-post links, a dedupe set left by an
// older version) in one command.
func (s *Store) Delete(ctx context.Context, chat string) error {
	if err := deleteLinks(ctx, s.client, s.prefix, chat); err != nil {
		return fmt.Errorf("store: delete chat's staff links: %w", err)
	}
	if err := s.client.Del(ctx, s.keys(chat).all()...).Err(); err != nil {
		return fmt.Errorf("store: delete chat: %w", err)
	}
	return nil
}

// decode splits a stored "<rev><mark><payload>" value, where a ":~" value also carries
// the latest handled update ids. When it is malformed ok is false and data nil, with the
// stored revision (0 if unreadable) so the next Save overwrites it.
func (s *Store) decode(raw []byte) (data []byte, rev int64, seen []byte, ok bool) {
	i := 0
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		i++
	}
	rev, err := strconv.ParseInt(string(raw[:i]), 10, 64)
	if err != nil || rev <= 0 {
		return nil, 0, nil, false
	}
	payload := raw[i:]
	if len(payload) > 1 && payload[0] == markDeflated && payload[1] == markSeen {
		if seen, payload, ok = splitSeen(payload[2:]); !ok {
			return nil, rev, nil, false
		}
	}
	data, ok = s.codec.decode(payload)
	if !ok {
		return nil, rev, seen, false
	}
	return data, rev, seen, true
}
