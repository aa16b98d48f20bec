package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/store"
)

// testPassword is the password of the test accounts.
const testPassword = "correct horse 12"

// clock is an injectable time that tests move forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a workspace on a real redis-server and a temporary copy of the catalog.
type env struct {
	srv     *Server
	stats   *store.Stats
	ts      *httptest.Server
	catalog string
	clock   *clock
	redis   *redistest.Server
}

// newEnv starts the workspace with an editor "awa", a reviewer "modou" and a viewer "fatou".
func newEnv(t *testing.T) *env {
	t.Helper()
	rs := redistest.Start(t)
	dir := t.TempDir()
	accounts := filepath.Join(dir, "staff.json")
	for name, role := range map[string]string{"awa": RoleEditor, "modou": RoleReviewer, "fatou": RoleViewer} {
		if err := addAccount(accounts, name, []string{role}, testPassword, bcrypt.MinCost); err != nil {
			t.Fatal(err)
		}
	}
	c := &clock{t: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}
	client := rs.Client(t)
	st := store.NewStats(client, store.StatsOptions{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv, err := New(Config{
		CatalogFile: testCatalog(t), AccountsFile: accounts, LocalesDir: testLocales(t), Sessions: store.NewWebSessions(client, ""),
		Stats: st, Now: c.now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{srv: srv, stats: st, ts: ts, catalog: srv.cfg.CatalogFile, clock: c, redis: rs}
}

// testLocales copies the message files and their review file into a temporary directory.
func testLocales(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"fr.toml", "wo.toml", "review.wo.yaml"} {
		data, err := os.ReadFile(filepath.Join("../locales", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// client is a browser-like client with cookies that does not follow redirects.
func (e *env) client(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches a page and returns its status and body.
func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post sends a form and returns its status, body and redirect target.
func post(t *testing.T, c *http.Client, u string, form url.Values) (int, string, string) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// hidden reads a hidden input's value from a page.
func hidden(page, name string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// login signs a client in with the login form.
func (e *env) login(t *testing.T, c *http.Client, name, password string) (int, string) {
	t.Helper()
	_, page := get(t, c, e.ts.URL+"/login")
	code, body, _ := post(t, c, e.ts.URL+"/login", url.Values{"csrf": {hidden(page, "csrf")}, "name": {name}, "password": {password}})
	return code, body
}

// signedIn returns a client signed in as name.
func (e *env) signedIn(t *testing.T, name string) *http.Client {
	t.Helper()
	c := e.client(t)
	if code, body := e.login(t, c, name, testPassword); code != http.StatusSeeOther {
		t.Fatalf("login %s: %d\n%s", name, code, body)
	}
	return c
}

// fileBytes reads the catalog file.
func (e *env) fileBytes(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(e.catalog)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// editForm loads an entry's form as a browser would submit it unchanged.
func (e *env) editForm(t *testing.T, c *http.Client, list, id string) url.Values {
	t.Helper()
	code, page := get(t, c, e.ts.URL+"/entree/"+list+"/"+id)
	if code != http.StatusOK {
		t.Fatalf("form %s/%s: %d", list, id, code)
	}
	sn, err := e.srv.load()
	if err != nil {
		t.Fatal(err)
	}
	_, n := sn.doc.find(list, id)
	vals := url.Values{}
	formValues(fieldsOf(list, sn.doc), "", n, vals)
	vals.Set("csrf", hidden(page, "csrf"))
	vals.Set("version", hidden(page, "version"))
	return vals
}

// contains fails unless body contains every want.
func contains(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

// record counts fields on day in the real Redis, as the bot does.
func (e *env) record(t *testing.T, day string, fields ...string) {
	t.Helper()
	e.stats.Record(context.Background(), day, fields...)
	if err := e.stats.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}
