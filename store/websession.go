package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// WebSession is a signed-in staff member of the web workspace; it holds no secret but its
// CSRF token, and nothing about the bot's users.
type WebSession struct {
	Account string    `json:"a"`
	Roles   []string  `json:"r"`
	CSRF    string    `json:"c"`
	Created time.Time `json:"t"`
}

// WebSessions keeps the staff workspace's sessions, one-time login tokens and login
// attempt counters in Redis, so they survive a restart and are shared by replicas.
//
//	sy:web:s:ID     STRING JSON WebSession       expires with the session
//	sy:web:t:TOKEN  STRING account name          single use, expires after a few minutes
//	sy:web:rl:KEY   STRING failed login count    expires at the end of its window
type WebSessions struct {
	client redis.UniversalClient
	prefix string
}

// NewWebSessions returns the staff web sessions under prefix ("sy:" when empty).
func NewWebSessions(client redis.UniversalClient, prefix string) *WebSessions {
	return &WebSessions{client: client, prefix: cmp.Or(prefix, DefaultPrefix) + "web:"}
}

// randomID is 32 random bytes in URL-safe base64: unguessable session ids and tokens.
func randomID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("store: random id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Create stores a new session for ttl and returns its id.
func (w *WebSessions) Create(ctx context.Context, s WebSession, ttl time.Duration) (string, error) {
	id, err := randomID()
	if err != nil {
		return "", err
	}
	data, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("store: encode web session: %w", err)
	}
	if err := w.client.Set(ctx, w.prefix+"s:"+id, data, ttl).Err(); err != nil {
		return "", fmt.Errorf("store: save web session: %w", err)
	}
	return id, nil
}

// Get returns the session with id; ok is false when it never existed or has expired.
func (w *WebSessions) Get(ctx context.Context, id string) (s WebSession, ok bool, err error) {
	data, err := w.client.Get(ctx, w.prefix+"s:"+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return WebSession{}, false, nil
	}
	if err != nil {
		return WebSession{}, false, fmt.Errorf("store: load web session: %w", err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return WebSession{}, false, nil // unreadable: treated as signed out
	}
	return s, true, nil
}

// Delete ends a session (logout).
func (w *WebSessions) Delete(ctx context.Context, id string) error {
	if err := w.client.Del(ctx, w.prefix+"s:"+id).Err(); err != nil {
		return fmt.Errorf("store: delete web session: %w", err)
	}
	return nil
}

// NewLoginToken stores a single-use login token for account, valid for ttl.
func (w *WebSessions) NewLoginToken(ctx context.Context, account string, ttl time.Duration) (string, error) {
	tok, err := randomID()
	if err != nil {
		return "", err
	}
	if err := w.client.Set(ctx, w.prefix+"t:"+tok, account, ttl).Err(); err != nil {
		return "", fmt.Errorf("store: save login token: %w", err)
	}
	return tok, nil
}

// TakeLoginToken consumes a login token (GETDEL: a second use finds nothing).
func (w *WebSessions) TakeLoginToken(ctx context.Context, tok string) (account string, ok bool, err error) {
	account, err = w.client.GetDel(ctx, w.prefix+"t:"+tok).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: take login token: %w", err)
	}
	return account, true, nil
}

// Failures returns how many failed logins key has in its current window.
func (w *WebSessions) Failures(ctx context.Context, key string) (int64, error) {
	n, err := w.client.Get(ctx, w.prefix+"rl:"+key).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: read login failures: %w", err)
	}
	return n, nil
}

// Fail counts one failed login for key; the count expires window after the first failure.
func (w *WebSessions) Fail(ctx context.Context, key string, window time.Duration) error {
	k := w.prefix + "rl:" + key
	pipe := w.client.TxPipeline()
	pipe.Incr(ctx, k)
	pipe.ExpireNX(ctx, k, window)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store: count login failure: %w", err)
	}
	return nil
}
