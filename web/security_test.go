package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestWithoutSessionEveryPageGoesToLogin(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	for _, path := range []string{"/", "/catalogue", "/entree/offers/anpej-emploi", "/entree/offers/nouvelle", "/journal", "/chiffres", "/rapport", "/rapport.md", "/nulle-part"} {
		resp, err := c.Get(e.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("GET %s: %d to %q, want 303 to /login", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if code, _ := get(t, c, e.ts.URL+"/login"); code != http.StatusOK {
		t.Errorf("GET /login: %d", code)
	}
}

func TestPostWithoutCSRFIsRefused(t *testing.T) {
	e := newEnv(t)
	before := e.fileBytes(t)
	anon, awa := e.client(t), e.signedIn(t, "awa")
	vals := e.editForm(t, awa, "offers", "anpej-emploi")
	vals.Set("phones.0.number", "+221000000000")
	forged := url.Values{}
	for k, v := range vals {
		forged[k] = v
	}
	for _, tc := range []struct {
		name string
		c    *http.Client
		csrf string
	}{{"no session", anon, vals.Get("csrf")}, {"no token", awa, ""}, {"wrong token", awa, "AAAA" + vals.Get("csrf")[4:]}} {
		forged.Set("csrf", tc.csrf)
		for _, path := range []string{"/entree/offers/anpej-emploi", "/annuler", "/apercu", "/logout", "/login"} {
			code, body, _ := post(t, tc.c, e.ts.URL+path, forged)
			if code != http.StatusForbidden {
				t.Errorf("%s: POST %s: %d, want 403", tc.name, path, code)
			}
			if !strings.Contains(body, "Rien n&#39;a été enregistré") && !strings.Contains(body, "refusé") {
				t.Errorf("%s: POST %s: no clear French message", tc.name, path)
			}
		}
	}
	if e.fileBytes(t) != before {
		t.Fatal("a forged form changed the catalog")
	}
}

func TestLoginFailuresAndRateLimit(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	code, body := e.login(t, c, "awa", "wrong password")
	if code != http.StatusUnauthorized || !strings.Contains(body, "mot de passe incorrect") {
		t.Fatalf("wrong password: %d", code)
	}
	for range maxAccountFails - 1 {
		e.login(t, c, "awa", "wrong password")
	}
	code, body = e.login(t, c, "awa", testPassword)
	if code != http.StatusTooManyRequests || !strings.Contains(body, "Trop de tentatives") {
		t.Fatalf("after %d failures the right password: %d, want 429", maxAccountFails, code)
	}
	if code, _ := e.login(t, e.client(t), "modou", testPassword); code != http.StatusSeeOther {
		t.Errorf("another account from the same address: %d, want 303 (the address limit is higher)", code)
	}
	for i := range maxIPFails {
		e.login(t, c, "inconnu"+string(rune('a'+i)), "x")
	}
	if code, _ := e.login(t, e.client(t), "fatou", testPassword); code != http.StatusTooManyRequests {
		t.Errorf("after %d failures from one address: %d, want 429", maxIPFails, code)
	}
}

func TestSessionExpiresAndLogout(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn(t, "awa")
	code, page := get(t, c, e.ts.URL+"/catalogue")
	if code != http.StatusOK {
		t.Fatalf("signed in: %d", code)
	}
	code, _, loc := post(t, c, e.ts.URL+"/logout", url.Values{"csrf": {hidden(page, "csrf")}})
	if code != http.StatusSeeOther || loc != "/login" {
		t.Fatalf("logout: %d %q", code, loc)
	}
	if code, _ := get(t, c, e.ts.URL+"/catalogue"); code != http.StatusSeeOther {
		t.Errorf("after logout: %d, want 303", code)
	}
	c = e.signedIn(t, "awa")
	e.clock.add(DefaultSessionTTL + time.Minute)
	if code, _ := get(t, c, e.ts.URL+"/catalogue"); code != http.StatusSeeOther {
		t.Errorf("after the session's lifetime: %d, want 303", code)
	}
}

func TestOversizedAndMalformedForms(t *testing.T) {
	e := newEnv(t)
	before := e.fileBytes(t)
	awa := e.signedIn(t, "awa")
	vals := e.editForm(t, awa, "offers", "anpej-emploi")
	vals.Set("description.fr", strings.Repeat("a", MaxBody))
	if code, body, _ := post(t, awa, e.ts.URL+"/entree/offers/anpej-emploi", vals); code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "trop volumineux") {
		t.Errorf("oversized form: %d", code)
	}
	vals = e.editForm(t, awa, "offers", "anpej-emploi")
	vals.Set("name.fr", "bad \xff byte")
	if code, body, _ := post(t, awa, e.ts.URL+"/entree/offers/anpej-emploi", vals); code != http.StatusBadRequest || !strings.Contains(body, "illisibles") {
		t.Errorf("invalid UTF-8: %d", code)
	}
	if e.fileBytes(t) != before {
		t.Fatal("a refused form changed the catalog")
	}
}

func TestRolesAndOneTimeLogin(t *testing.T) {
	e := newEnv(t)
	before := e.fileBytes(t)
	fatou := e.signedIn(t, "fatou")
	vals := e.editForm(t, fatou, "offers", "anpej-emploi")
	vals.Set("name.fr", "changé")
	if code, _, _ := post(t, fatou, e.ts.URL+"/entree/offers/anpej-emploi", vals); code != http.StatusForbidden {
		t.Errorf("a viewer saving: %d, want 403", code)
	}
	if e.fileBytes(t) != before {
		t.Fatal("a viewer changed the catalog")
	}
	link, err := e.srv.LoginURL(t.Context(), e.ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := e.client(t)
	if code, _ := get(t, c, link); code != http.StatusSeeOther {
		t.Fatalf("one-time link: %d", code)
	}
	if code, _ := get(t, c, e.ts.URL+"/catalogue"); code != http.StatusOK {
		t.Errorf("after the one-time link: %d", code)
	}
	if code, body := get(t, e.client(t), link); code != http.StatusUnauthorized || !strings.Contains(body, "déjà servi") {
		t.Errorf("the link a second time: %d", code)
	}
}

func TestCookieAttributes(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name   string
		proto  string
		secure bool
	}{{"plain HTTP", "", false}, {"behind a TLS proxy", "https", true}} {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/login", nil)
		if tc.proto != "" {
			req.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		resp, err := e.client(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for _, c := range resp.Cookies() {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure != tc.secure {
				t.Errorf("%s: cookie %s HttpOnly=%v SameSite=%v Secure=%v", tc.name, c.Name, c.HttpOnly, c.SameSite, c.Secure)
			}
		}
		if len(resp.Cookies()) == 0 {
			t.Errorf("%s: the login page set no cookie", tc.name)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", tc.name, csp)
		}
	}
}

func TestClientIP(t *testing.T) {
	tests := []struct {
		name, peer, xff, want string
	}{
		{"direct", "203.0.113.7:5000", "", "203.0.113.7"},
		{"direct, forged header ignored", "203.0.113.7:5000", "198.51.100.1", "203.0.113.7"},
		{"behind a local proxy", "127.0.0.1:5000", "198.51.100.9, 203.0.113.7", "203.0.113.7"},
		{"behind a proxy on the private network", "172.18.0.3:5000", "203.0.113.8", "203.0.113.8"},
		{"local proxy, no header", "127.0.0.1:5000", "", "127.0.0.1"},
		{"local proxy, garbage header", "127.0.0.1:5000", "nope", "127.0.0.1"},
	}
	for _, tc := range tests {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientIP(r); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
