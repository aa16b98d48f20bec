package cli

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/internal/testutil"
)

// webCatalog copies the shipped catalog to a temporary file.
func webCatalog(t *testing.T) string {
	t.Helper()
	return testutil.CopyToTemp(t, "../../catalog/catalog.yaml")
}

// noRedirect is an HTTP client that shows redirects instead of following them.
func noRedirect() *http.Client {
	return &http.Client{Timeout: 3 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func TestStaffWebNextToTheBot(t *testing.T) {
	redis := redistest.Start(t)
	api := fakeapi.New(e2eToken)
	defer api.Close()
	httpAddr, webAddr := e2eAddr(t), e2eAddr(t)
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": e2eToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
		"HTTP_ADDR": httpAddr, "STAFF_WEB_ADDR": webAddr, "CATALOG_FILE": webCatalog(t),
		"STAFF_ACCOUNTS_FILE": filepath.Join(t.TempDir(), "staff.json"), "WORKERS": "2",
	}
	e2eRun(t, env, func() {
		e2eWait(t, "the staff workspace", func() bool { s, _ := e2eGet("http://" + webAddr + "/login"); return s == http.StatusOK })
		resp, err := noRedirect().Get("http://" + webAddr + "/catalogue")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("GET /catalogue without a session: %d, want 303", resp.StatusCode)
		}
		if s, _ := e2eGet("http://" + httpAddr + "/login"); s == http.StatusOK {
			t.Error("the workspace also answers on HTTP_ADDR, the webhook's listener")
		}
	})
}

func TestWebCommandPrintsALoginURL(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := e2eAddr(t)
	env := map[string]string{"CATALOG_FILE": webCatalog(t), "STAFF_WEB_ADDR": addr}
	var stdout, stderr e2eBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"web"}, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	}()
	pattern := regexp.MustCompile(`http://127\.0\.0\.1:\d+/auth\?jeton=[A-Za-z0-9_-]{43}`)
	e2eWait(t, "the login URL", func() bool { return pattern.MatchString(stdout.String()) })
	link := pattern.FindString(stdout.String())
	resp, err := noRedirect().Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) == 0 {
		t.Errorf("the login URL: %d with %d cookies, want 303 and a session", resp.StatusCode, len(resp.Cookies()))
	}
	if resp, err := noRedirect().Get(link); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the login URL a second time: %v %v, want 401", resp.StatusCode, err)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d:\n%s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("samayoon web did not stop")
	}
}

func TestStaffCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "staff.json")
	env := func(k string) string {
		if k == "STAFF_ACCOUNTS_FILE" {
			return file
		}
		return ""
	}
	cmd := func(stdin string, args ...string) (int, string, string) {
		var out, errs e2eBuffer
		c := run(context.Background(), append([]string{"staff"}, args...), env, strings.NewReader(stdin), &out, &errs)
		return c, out.String(), errs.String()
	}
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"add an editor", "un mot de passe long\n", []string{"add", "awa", "--roles", "editor,reviewer"}, 0, "compte awa enregistré (editor, reviewer)"},
		{"short password", "court\n", []string{"add", "modou"}, 1, "mot de passe trop court"},
		{"unknown role", "un mot de passe long\n", []string{"add", "modou", "--roles", "admin"}, 1, "rôle inconnu"},
		{"bad name", "un mot de passe long\n", []string{"add", "Awa Diop"}, 1, "nom de compte"},
		{"list", "", []string{"list"}, 0, "awa\teditor,reviewer\n"},
		{"remove", "", []string{"remove", "awa"}, 0, ""},
		{"remove again", "", []string{"remove", "awa"}, 1, "compte inconnu"},
	}
	for _, tc := range tests {
		code, out, errs := cmd(tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("%s: exit %d, output %q%q; want %d and %q", tc.name, code, out, errs, tc.code, tc.want)
		}
	}
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "un mot de passe long") {
		t.Error("the accounts file holds a password")
	}
}
