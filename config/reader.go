package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// tokenPattern is the Bot API token shape (bot id, colon, secret); it also keeps the token URL-safe.
var tokenPattern = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// secretPattern is what Telegram accepts as a webhook secret_token.
var secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// reader collects values and every problem found while reading them.
type reader struct {
	getenv   func(string) string
	problems []error
}

// bad records one problem, naming the variable first.
func (r *reader) bad(name, why string) {
	r.problems = append(r.problems, fmt.Errorf("%s %s", name, why))
}

// str returns the trimmed value or def when unset.
func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

// oneOf returns the lower-cased value if it is one of allowed.
func (r *reader) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(r.str(name, def))
	if !slices.Contains(allowed, v) {
		r.bad(name, fmt.Sprintf("must be one of %s, got %q", strings.Join(allowed, "|"), v))
		return def
	}
	return v
}

// url returns an absolute http(s) URL with a host.
func (r *reader) url(name, def string) string {
	v := r.str(name, def)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		r.bad(name, "must be an http:// or https:// URL with a host and no credentials")
		return def
	}
	return v
}

// addr returns a host:port listen address with a numeric port.
func (r *reader) addr(name, def string) string {
	v := r.str(name, def)
	if v == "" {
		return ""
	}
	if err := checkHostPort(v); err != nil {
		r.bad(name, fmt.Sprintf("must be host:port or :port, got %q (%v)", v, err))
		return def
	}
	return v
}

// checkHostPort accepts host:port with a port in 0-65535.
func checkHostPort(v string) error {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return fmt.Errorf("split: %w", err)
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || (n == 0 && port != "0") {
		return errors.New("port must be a number from 0 to 65535")
	}
	return nil
}

// intRange returns an integer within [lo, hi].
func (r *reader) intRange(name string, def, lo, hi int) int {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		r.bad(name, fmt.Sprintf("must be a whole number from %d to %d, got %q", lo, hi, v))
		return def
	}
	return n
}

// int64 returns an optional 64-bit integer (0 when unset); Telegram group ids are negative.
func (r *reader) int64(name string) int64 {
	v := r.str(name, "")
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n == 0 {
		r.bad(name, "must be a non-zero whole number (a Telegram chat id such as -1001234567890)")
		return 0
	}
	return n
}

// duration returns a Go duration within [lo, hi].
func (r *reader) duration(name string, def, lo, hi time.Duration) time.Duration {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < lo || d > hi {
		r.bad(name, fmt.Sprintf("must be a Go duration from %s to %s (e.g. 5s, 720h), got %q", lo, hi, v))
		return def
	}
	return d
}

// bool returns a boolean written true/false, 1/0 or yes/no.
func (r *reader) bool(name string) bool {
	switch v := strings.ToLower(r.str(name, "")); v {
	case "", "0", "false", "no":
		return false
	case "1", "true", "yes":
		return true
	default:
		r.bad(name, fmt.Sprintf("must be true or false, got %q", v))
		return false
	}
}

// list returns a comma-separated list of host:port addresses.
func (r *reader) list(name string) []string {
	var out []string
	for _, f := range strings.Split(r.getenv(name), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if err := checkHostPort(f); err != nil {
			r.bad(name, fmt.Sprintf("must be a comma-separated list of host:port, got %q (%v)", f, err))
			continue
		}
		out = append(out, f)
	}
	return out
}

// validSecret reports whether s is an acceptable webhook secret.
func validSecret(s string) bool { return secretPattern.MatchString(s) }
