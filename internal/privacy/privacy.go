// Package privacy turns identifiers into values that are safe to log.
package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// Hasher maps chat ids to short keyed hashes, so logs can correlate one chat's lines
// without ever holding its raw id; without the key the hash cannot be reversed by guessing.
type Hasher struct{ key []byte }

// NewHasher returns a Hasher for key; an empty key still hashes, but then a reader who
// guesses ids could confirm them, so production sets LOG_HASH_KEY.
func NewHasher(key []byte) *Hasher { return &Hasher{key: append([]byte(nil), key...)} }

// Chat returns a 12-character keyed hash of a chat id.
func (h *Hasher) Chat(id string) string {
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:9])
}
