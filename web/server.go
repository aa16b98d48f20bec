// Package web is the staff workspace: a server-rendered French web application, embedded in
// the binary, to edit the catalog file safely, see its gaps, review the Wolof and read the
// anonymous figures. It never talks to the bot's users and shows nothing personal.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/locales"
	"github.com/samayoon/samayoon/stats"
	"github.com/samayoon/samayoon/store"
)

// Defaults of the workspace.
const (
	DefaultSessionTTL = 8 * time.Hour    // a working day; then staff sign in again
	LoginTokenTTL     = 10 * time.Minute // the one-time URL printed by `samayoon web`
	MaxBody           = 256 << 10        // bytes of a submitted form
	failWindow        = 15 * time.Minute // login failures are counted over this window
	maxAccountFails   = 5                // failed logins per account and window
	maxIPFails        = 20               // failed logins per address and window
	localAccount      = "@local"         // the account of the one-time URL (not a valid name)
)

// Sessions keeps sign-ins in Redis; *store.WebSessions implements it.
type Sessions interface {
	Create(ctx context.Context, s store.WebSession, ttl time.Duration) (string, error)
	Get(ctx context.Context, id string) (store.WebSession, bool, error)
	Delete(ctx context.Context, id string) error
	NewLoginToken(ctx context.Context, account string, ttl time.Duration) (string, error)
	TakeLoginToken(ctx context.Context, tok string) (string, bool, error)
	Failures(ctx context.Context, key string) (int64, error)
	Fail(ctx context.Context, key string, window time.Duration) error
}

// Config is what the workspace needs.
type Config struct {
	CatalogFile  string       // the catalog staff edit (required)
	AccountsFile string       // STAFF_ACCOUNTS_FILE; "" = only the one-time URL signs in
	LocalesDir   string       // fr.toml and wo.toml with their review file; default "locales"
	Sessions     Sessions     // required
	Stats        stats.Reader // the bot's daily counters; nil = figures unavailable
	Now          func() time.Time
	Logger       *slog.Logger
	SessionTTL   time.Duration // default DefaultSessionTTL
}

// Server is the staff workspace's HTTP handler.
type Server struct {
	cfg    Config
	pages  *pages
	ed     *editor
	prev   previewer
	engine *flows.Engine // the bot's engine, for exact previews
	log    *slog.Logger
	mux    *http.ServeMux
}

// New builds the workspace; it touches neither Redis nor the catalog until a request comes.
func New(cfg Config) (*Server, error) {
	if cfg.CatalogFile == "" || cfg.Sessions == nil {
		return nil, errors.New("web: a catalog file and a session store are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.LocalesDir == "" {
		cfg.LocalesDir = "locales"
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	bundle, err := locales.NewBundle()
	if err != nil {
		return nil, fmt.Errorf("web: bot messages: %w", err)
	}
	engine, err := newPreviewEngine(bundle)
	if err != nil {
		return nil, fmt.Errorf("web: preview engine: %w", err)
	}
	s := &Server{cfg: cfg, pages: p, ed: newEditor(cfg.CatalogFile, cfg.Now), prev: previewer{bundle}, engine: engine, log: cfg.Logger.With("component", "web")}
	s.routes()
	return s, nil
}

// ServeHTTP serves the workspace with security headers on every answer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	s.mux.ServeHTTP(w, r)
}

// routes maps every page; each protected one says which role it needs ("" = any account).
func (s *Server) routes() {
	m := http.NewServeMux()
	m.Handle("GET /static/", staticHandler())
	m.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("GET /auth", s.tokenLogin)
	m.Handle("POST /logout", s.guard("", s.logout))
	m.Handle("GET /{$}", s.guard("", s.home))
	m.Handle("GET /couverture", s.guard("", s.coverage))
	m.Handle("GET /catalogue", s.guard("", s.catalogList))
	m.Handle("GET /relecture", s.guard("", s.reviewQueue))
	m.Handle("POST /relecture", s.guard(RoleReviewer, s.reviewMark))
	m.Handle("GET /entree/{list}/{id}", s.guard("", s.entryForm))
	m.Handle("POST /entree/{list}/{id}", s.guard(RoleEditor, s.entrySave))
	m.Handle("POST /apercu", s.guard("", s.preview))
	m.Handle("POST /annuler", s.guard(RoleEditor, s.undo))
	m.Handle("GET /journal", s.guard("", s.journal))
	m.Handle("GET /chiffres", s.guard("", s.figures))
	m.Handle("GET /rapport", s.guard("", s.reportHTML))
	m.Handle("GET /rapport.md", s.guard("", s.reportMarkdown))
	m.Handle("/", s.guard("", func(w http.ResponseWriter, r *http.Request, _ *staff) {
		s.fail(w, r, nil, http.StatusNotFound, "Page introuvable.")
	}))
	s.mux = m
}

// LoginURL prints the one-time sign-in address of `samayoon web` (full rights, single use).
func (s *Server) LoginURL(ctx context.Context, base string) (string, error) {
	tok, err := s.cfg.Sessions.NewLoginToken(ctx, localAccount, LoginTokenTTL)
	if err != nil {
		return "", fmt.Errorf("web: login token: %w", err)
	}
	return base + "/auth?jeton=" + tok, nil
}
