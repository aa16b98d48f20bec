package cli

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
)

// formOf reads the values a browser would submit from the workspace's edit form.
func formOf(page string) url.Values {
	vals := url.Values{}
	attr := func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\b` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			return "", false
		}
		return html.UnescapeString(m[1]), true
	}
	form := page[strings.Index(page, `id="entree"`):]
	for _, tag := range regexp.MustCompile(`<input[^>]*>`).FindAllString(form, -1) {
		name, _ := attr(tag, "name")
		value, _ := attr(tag, "value")
		if strings.Contains(tag, `type="checkbox"`) && !strings.Contains(tag, " checked") {
			continue
		}
		vals.Add(name, value)
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(form, -1) {
		vals.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select[^>]*name="([^"]*)">(.*?)</select>`).FindAllStringSubmatch(form, -1) {
		if sel := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[2]); sel != nil {
			vals.Add(m[1], html.UnescapeString(sel[1]))
		}
	}
	return vals
}

// details walks a Telegram user to an offer's page and returns every text the bot sent.
func details(t *testing.T, api *fakeapi.Server, user fakeapi.User, offer string) string {
	t.Helper()
	n := len(api.Messages(user.ID))
	api.Push(user.Text("/start l-fr_p-jeune_r-diourbel_d-mbacke_n-emploi"))
	var press string
	var msgID int
	e2eWait(t, "the results", func() bool {
		for _, m := range api.Messages(user.ID)[n:] {
			for _, row := range m.Keyboard() {
				for _, b := range row {
					if strings.HasSuffix(b.Data, offer) {
						press, msgID = b.Data, m.ID
					}
				}
			}
		}
		return press != ""
	})
	api.Push(user.Press("q"+offer, msgID, press))
	var all string
	e2eWait(t, "the offer's page", func() bool {
		all = ""
		for _, m := range api.Messages(user.ID) {
			all += m.Text + "\n"
		}
		return strings.Contains(all, "Vérifié le")
	})
	return all
}

func TestAWorkspaceEditReachesTelegramUsers(t *testing.T) {
	redis := redistest.Start(t).URL()
	api := fakeapi.New(e2eToken)
	defer api.Close()
	httpAddr, webAddr := e2eAddr(t), e2eAddr(t)
	accounts := t.TempDir() + "/staff.json"
	if code := run(t.Context(), []string{"staff", "add", "awa", "--roles", "editor"}, func(k string) string {
		return map[string]string{"STAFF_ACCOUNTS_FILE": accounts}[k]
	}, strings.NewReader("un mot de passe long\n"), io.Discard, io.Discard); code != 0 {
		t.Fatalf("staff add: %d", code)
	}
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": e2eToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis,
		"HTTP_ADDR": httpAddr, "STAFF_WEB_ADDR": webAddr, "CATALOG_FILE": webCatalog(t), "CATALOG_POLL": "200ms",
		"STAFF_ACCOUNTS_FILE": accounts, "WORKERS": "2",
	}
	const phone = "+221000000000"
	e2eRun(t, env, func() {
		base := "http://" + webAddr
		e2eWait(t, "the workspace", func() bool { s, _ := e2eGet(base + "/login"); return s == http.StatusOK })
		if strings.Contains(details(t, api, fakeapi.User{ID: 5300777101, Lang: "fr"}, "anpej-emploi"), phone) {
			t.Fatal("the number is already shown")
		}
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 5 * time.Second}
		page := get(t, c, base+"/login")
		resp, err := c.PostForm(base+"/login", url.Values{"csrf": {formCSRF(page)}, "name": {"awa"}, "password": {"un mot de passe long"}})
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("login: %v %v", err, resp)
		}
		resp.Body.Close()
		vals := formOf(get(t, c, base+"/entree/offers/anpej-emploi"))
		vals.Set("phones.0.number", phone)
		vals.Set("action", "enregistrer")
		resp, err = c.PostForm(base+"/entree/offers/anpej-emploi", vals)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), "Enregistré") {
			t.Fatalf("save: %d\n%s", resp.StatusCode, body)
		}
		user := fakeapi.User{ID: 5300777102, Lang: "fr"}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(details(t, api, user, "anpej-emploi"), phone) {
			if time.Now().After(deadline) {
				t.Fatal("the Telegram user never saw the new number")
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// get returns a page's body.
func get(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// formCSRF reads the CSRF token of the first form of a page.
func formCSRF(page string) string {
	m := regexp.MustCompile(`name="csrf" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}
