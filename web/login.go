package web

import (
	"net/http"
	"strings"
)

// loginData fills the login page.
type loginData struct {
	CSRF, Next, Name, Error string
	Accounts                bool
}

// loginPage shows the sign-in form with a fresh CSRF token in a cookie and in the form.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.signedIn(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.showLogin(w, r, http.StatusOK, loginData{Next: r.URL.Query().Get("suite")})
}

// showLogin renders the form with a new CSRF token.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	d.Accounts = s.cfg.AccountsFile != ""
	// One token per browser, reused by every login page it loads (a second tab, or a
	// favicon request sent here, must not invalidate the form already shown).
	if c, err := r.Cookie(loginCookie); err == nil && len(c.Value) == 43 {
		d.CSRF = c.Value
	} else {
		d.CSRF = token()
	}
	setCookie(w, r, loginCookie, d.CSRF, 3600)
	s.render(w, status, "login", view{Title: "Connexion", Data: d})
}

// login checks a name and password, with failures limited per account and per address.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.readForm(w, r, nil) {
		return
	}
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostForm.Get("csrf"), c.Value) {
		s.fail(w, r, nil, http.StatusForbidden, "Formulaire de connexion refusé : jeton de sécurité absent ou périmé. Rechargez la page de connexion.")
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	d := loginData{Next: r.PostForm.Get("suite"), Name: name}
	if len(name) > 64 {
		name = name[:64]
	}
	ctx := r.Context()
	keys := []string{"acct:" + name, "ip:" + clientIP(r)}
	limits := []int64{maxAccountFails, maxIPFails}
	for i, k := range keys {
		n, err := s.cfg.Sessions.Failures(ctx, k)
		if err != nil {
			s.fail(w, r, nil, http.StatusServiceUnavailable, "Connexion impossible pour le moment (base de sessions injoignable).")
			return
		}
		if n >= limits[i] {
			d.Error = "Trop de tentatives de connexion échouées. Attendez 15 minutes avant de réessayer."
			s.showLogin(w, r, http.StatusTooManyRequests, d)
			return
		}
	}
	a, found, err := findAccount(s.cfg.AccountsFile, name)
	if err != nil {
		s.log.Error("cannot read the accounts file", "err", err)
	}
	if !checkPassword(a, found, r.PostForm.Get("password")) {
		for _, k := range keys {
			_ = s.cfg.Sessions.Fail(ctx, k, failWindow)
		}
		s.log.Info("failed login", "account_known", found)
		d.Error = "Nom de compte ou mot de passe incorrect."
		s.showLogin(w, r, http.StatusUnauthorized, d)
		return
	}
	s.log.Info("login", "account", a.Name)
	s.startSession(w, r, a.Name, a.Roles, d.Next)
}

// tokenLogin signs in with the single-use address printed by `samayoon web`.
func (s *Server) tokenLogin(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("jeton")
	account, ok, err := "", false, error(nil)
	if tok != "" && len(tok) < 100 {
		account, ok, err = s.cfg.Sessions.TakeLoginToken(r.Context(), tok)
	}
	if err != nil || !ok || account != localAccount {
		s.showLogin(w, r, http.StatusUnauthorized, loginData{Error: "Ce lien de connexion a déjà servi ou a expiré (il vaut 10 minutes, une seule fois). Relancez « samayoon web » pour en obtenir un autre."})
		return
	}
	s.log.Info("login with the one-time address")
	s.startSession(w, r, localAccount, []string{RoleEditor, RoleReviewer, RoleViewer}, "/")
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, who *staff) {
	if err := s.cfg.Sessions.Delete(r.Context(), who.id); err != nil {
		s.log.Warn("logout could not delete the session", "err", err)
	}
	setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
