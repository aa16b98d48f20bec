package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/samayoon/samayoon/store"
)

// Cookie names: the session, and the login form's own CSRF token (before any session).
const (
	sessionCookie = "sy_staff"
	loginCookie   = "sy_login"
)

// staff is the signed-in account of a request.
type staff struct {
	Name  string
	Roles []string
	CSRF  string
	id    string
}

// Has reports whether the account has role ("" = any account).
func (s *staff) Has(role string) bool { return role == "" || slices.Contains(s.Roles, role) }

// Display is how the account is named on pages and in the audit log.
func (s *staff) Display() string {
	if s.Name == localAccount {
		return "local"
	}
	return s.Name
}

// handler is a page that needs a signed-in account.
type handler func(http.ResponseWriter, *http.Request, *staff)

// guard signs requests in: a page without a session goes to the login page (303), a POST
// must carry the session's CSRF token (403 otherwise), bodies are bounded and must be UTF-8.
func (s *Server) guard(role string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := s.signedIn(r)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if !s.readForm(w, r, who) {
				return
			}
			if who == nil {
				s.fail(w, r, nil, http.StatusForbidden, "Formulaire refusé : votre session a expiré ou vous n'êtes pas connecté. Rien n'a été enregistré ; reconnectez-vous.")
				return
			}
			if !sameToken(r.PostForm.Get("csrf"), who.CSRF) {
				s.fail(w, r, who, http.StatusForbidden, "Formulaire refusé : son jeton de sécurité manque ou ne correspond pas (page trop ancienne, ou envoyée depuis un autre site). Rien n'a été enregistré ; rechargez la page.")
				return
			}
		} else if who == nil {
			http.Redirect(w, r, "/login?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if !who.Has(role) {
			s.fail(w, r, who, http.StatusForbidden, "Votre compte n'a pas le rôle « "+role+" » nécessaire pour cette action.")
			return
		}
		h(w, r, who)
	})
}

// readForm reads a bounded, well-formed UTF-8 form; it answers the error itself.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request, who *staff) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.fail(w, r, who, http.StatusRequestEntityTooLarge, "Formulaire trop volumineux (plus de 256 Ko) : rien n'a été enregistré.")
		return false
	case err != nil:
		s.fail(w, r, who, http.StatusBadRequest, "Formulaire illisible : rien n'a été enregistré.")
		return false
	}
	for k, vs := range r.PostForm {
		for _, v := range append(vs, k) {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				s.fail(w, r, who, http.StatusBadRequest, "Le formulaire contient des caractères illisibles (pas de l'UTF-8) : rien n'a été enregistré.")
				return false
			}
		}
	}
	return true
}

// sameToken compares CSRF tokens in constant time; an empty token never matches.
func sameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// signedIn returns the request's account, or nil; a removed account is signed out.
func (s *Server) signedIn(r *http.Request) *staff {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil
	}
	sess, ok, err := s.cfg.Sessions.Get(r.Context(), c.Value)
	if err != nil {
		s.log.Warn("session lookup failed", "err", err)
		return nil
	}
	if !ok || s.cfg.Now().Sub(sess.Created) > s.cfg.SessionTTL {
		return nil
	}
	who := &staff{Name: sess.Account, Roles: sess.Roles, CSRF: sess.CSRF, id: c.Value}
	if sess.Account == localAccount {
		return who
	}
	a, found, err := findAccount(s.cfg.AccountsFile, sess.Account)
	if err != nil || !found {
		return nil
	}
	who.Roles = a.Roles
	return who
}

// secure reports whether the browser reached us over TLS (directly or through a proxy).
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// setCookie writes an HttpOnly, SameSite=Strict cookie, Secure behind TLS; maxAge<0 deletes.
func setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteStrictMode})
}

// token is 32 random bytes for CSRF tokens.
func token() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// clientIP is the address a login comes from: the peer, or, when the peer is a proxy on
// this machine or the private network (the HTTPS proxy in front of the workspace), the
// address that proxy appended last to X-Forwarded-For (earlier entries can be forged).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer := net.ParseIP(host)
	if peer == nil || !(peer.IsLoopback() || peer.IsPrivate()) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	if last := strings.TrimSpace(hops[len(hops)-1]); net.ParseIP(last) != nil {
		return last
	}
	return host
}

// startSession signs an account in and sends it to next.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, account string, roles []string, next string) {
	id, err := s.cfg.Sessions.Create(r.Context(), store.WebSession{Account: account, Roles: roles, CSRF: token(), Created: s.cfg.Now()}, s.cfg.SessionTTL)
	if err != nil {
		s.log.Error("cannot create a session", "err", err)
		s.fail(w, r, nil, http.StatusServiceUnavailable, "Connexion impossible pour le moment (base de sessions injoignable). Réessayez dans un instant.")
		return
	}
	setCookie(w, r, sessionCookie, id, int(s.cfg.SessionTTL.Seconds()))
	setCookie(w, r, loginCookie, "", -1)
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

// safeNext keeps a redirect inside the workspace.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}
