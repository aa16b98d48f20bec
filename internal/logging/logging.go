// Package logging builds the process's slog logger: JSON or text, a level, and a last line of
// defence that drops personal attributes and masks secrets; the first defence is not logging them.
package logging

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Redacted replaces a secret wherever it appears in a logged string.
const Redacted = "[redacted]"

// personalKeys are attribute names that would carry what users typed or who they are; they are dropped.
func personalKeys() []string {
	return []string{"text", "message_text", "phone", "phone_number", "name", "first_name", "last_name", "username", "contact", "chat_id"}
}

// New returns a logger writing format ("json" or "text", default json) at level (debug, info,
// warn, error; default info) that drops personal attributes and masks every non-empty secret.
func New(w io.Writer, format, level string, secrets ...string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: ParseLevel(level), ReplaceAttr: redactor(secrets)}
	if strings.EqualFold(format, "text") {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// Component returns l with the component attribute every log line must carry.
func Component(l *slog.Logger, name string) *slog.Logger {
	return l.With("component", name)
}

// ParseLevel maps a LOG_LEVEL value to a slog level, info when unknown.
func ParseLevel(s string) slog.Level {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// redactor returns a ReplaceAttr function dropping personal keys and masking secrets in strings and errors.
func redactor(secrets []string) func([]string, slog.Attr) slog.Attr {
	secrets = slices.DeleteFunc(slices.Clone(secrets), func(s string) bool { return len(s) < 4 })
	personal := personalKeys()
	return func(_ []string, a slog.Attr) slog.Attr {
		if slices.Contains(personal, strings.ToLower(a.Key)) {
			return slog.Attr{}
		}
		if len(secrets) == 0 {
			return a
		}
		switch a.Value.Kind() {
		case slog.KindString:
			return slog.String(a.Key, mask(a.Value.String(), secrets))
		case slog.KindAny:
			if v, ok := a.Value.Any().(interface{ Error() string }); ok {
				return slog.String(a.Key, mask(v.Error(), secrets))
			}
			if v, ok := a.Value.Any().(fmt.Stringer); ok {
				return slog.String(a.Key, mask(v.String(), secrets))
			}
		}
		return a
	}
}

// mask replaces every occurrence of each secret in s.
func mask(s string, secrets []string) string {
	for _, sec := range secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	return s
}

// ChatLabeler returns a function giving a chat id a stable keyed hash, so logs correlate one
// chat's lines without revealing the id; without the key the label cannot be reversed.
func ChatLabeler(key []byte) func(chatID string) string {
	return func(chatID string) string {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(chatID))
		return "c" + hex.EncodeToString(mac.Sum(nil)[:6])
	}
}
