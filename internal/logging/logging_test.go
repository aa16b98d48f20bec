package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

const token = "123456:AAH-secret_token_value"

func TestNewFormatsAndLevels(t *testing.T) {
	tests := []struct {
		name, format, level string
		logAt               slog.Level
		wantOut             bool
		json                bool
	}{
		{"json default info drops debug", "", "", slog.LevelDebug, false, true},
		{"json info", "json", "info", slog.LevelInfo, true, true},
		{"text debug", "text", "debug", slog.LevelDebug, true, false},
		{"warn drops info", "json", "warn", slog.LevelInfo, false, true},
		{"error keeps error", "TEXT", "ERROR", slog.LevelError, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			Component(New(&buf, tc.format, tc.level), "test").Log(t.Context(), tc.logAt, "hello")
			out := buf.String()
			if (out != "") != tc.wantOut {
				t.Fatalf("output %q, want output=%t", out, tc.wantOut)
			}
			if !tc.wantOut {
				return
			}
			var m map[string]any
			isJSON := json.Unmarshal([]byte(out), &m) == nil
			if isJSON != tc.json {
				t.Errorf("json=%t for %q", isJSON, out)
			}
			if !strings.Contains(out, "component") || !strings.Contains(out, "test") {
				t.Errorf("no component attribute in %q", out)
			}
		})
	}
}

func TestRedaction(t *testing.T) {
	urlErr := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot" + token + "/getMe", Err: errors.New("timeout")}
	tests := []struct {
		name   string
		log    func(l *slog.Logger)
		absent []string
		keep   []string
	}{
		{"token in error value", func(l *slog.Logger) { l.Error("call failed", "error", urlErr) },
			[]string{token}, []string{Redacted, "getMe"}},
		{"token in string attr and message", func(l *slog.Logger) { l.Warn("bad "+token, "url", "x"+token) },
			[]string{token}, []string{Redacted}},
		{"personal attributes dropped", func(l *slog.Logger) {
			l.Info("update", "text", "Maa ngi dem Italie", "phone", "+221770000000", "name", "Awa", "first_name", "Awa", "username", "awa99")
		}, []string{"Italie", "+221770000000", "Awa", "awa99"}, []string{"update"}},
		{"personal attributes inside groups", func(l *slog.Logger) {
			l.Info("update", slog.Group("from", "first_name", "Moussa", "id", 42), "kind", "message")
		}, []string{"Moussa"}, []string{"message"}},
		{"personal attributes via With", func(l *slog.Logger) { l.With("chat_id", "777000111").Info("x") },
			[]string{"777000111"}, []string{`"msg":"x"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			tc.log(New(&buf, "json", "debug", token, ""))
			out := buf.String()
			for _, s := range tc.absent {
				if strings.Contains(out, s) {
					t.Errorf("log shows %q: %s", s, out)
				}
			}
			for _, s := range tc.keep {
				if !strings.Contains(out, s) {
					t.Errorf("log lost %q: %s", s, out)
				}
			}
		})
	}
}

func TestChatLabeler(t *testing.T) {
	a, b := ChatLabeler([]byte("key-one-0123456789")), ChatLabeler([]byte("key-two-0123456789"))
	tests := []struct {
		name string
		ok   bool
	}{
		{"stable for one key", a("12345") == a("12345")},
		{"differs across chats", a("12345") != a("12346")},
		{"differs across keys", a("12345") != b("12345")},
		{"hides the id", !strings.Contains(a("12345"), "12345")},
		{"short", len(a("12345")) == 13},
	}
	for _, tc := range tests {
		if !tc.ok {
			t.Errorf("%s: failed (label %q)", tc.name, a("12345"))
		}
	}
}
