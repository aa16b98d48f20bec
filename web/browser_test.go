package web

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/flowstest"
	"github.com/samayoon/samayoon/locales"
)

// browser starts headless Chromium for a test: skipped locally without it, failed when CI=true.
func browser(t *testing.T) context.Context {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not found in PATH (CI=true, so this fails): apt-get install chromium")
		}
		t.Skip("chromium not found in PATH; install it (apt-get install chromium) to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return bctx
}

// shots saves full-page screenshots under the test's directory (or SAMAYOON_SCREENSHOTS).
type shots struct {
	t   *testing.T
	dir string
}

// take saves the current page as name.png.
func (s shots) take(ctx context.Context, name string) {
	s.t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, name+".png"), buf, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// view saves what the window shows (not the whole page) as name.png.
func (s shots) view(ctx context.Context, name string) {
	s.t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, name+".png"), buf, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// do runs browser steps or fails the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

// value runs one browser action that returns a value, or fails the test.
func value[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// css is a CSS selector.
func css(s string) chromedp.CSS { return chromedp.CSS(s) }

// botDetails drives the conversation engine over the catalog file to the offer's details page.
func botDetails(t *testing.T, eng *flows.Engine, chat, offer string) string {
	t.Helper()
	ctx := context.Background()
	c := flows.Chat{ID: chat, PlatformLang: "fr"}
	if _, err := eng.Handle(ctx, c, flows.Input{Kind: flows.InputCommand, Command: "start", Args: "l-fr_p-jeune_r-diourbel_d-mbacke_n-emploi"}); err != nil {
		t.Fatal(err)
	}
	replies, err := eng.Handle(ctx, c, flows.Input{Kind: flows.InputChoice, Choice: "o:" + offer})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// botOver starts the bot's engine on the catalog file with its hot reload (a 100 ms poll).
func botOver(t *testing.T, path string) *flows.Engine {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	holder, err := catalog.OpenHolder(path, quiet, nil)
	if err != nil {
		t.Fatal(err)
	}
	go catalog.Watch(t.Context(), path, holder, quiet, 100*time.Millisecond)
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := flows.New(flows.Config{Store: flowstest.NewMemStore(), Catalog: func() flows.Catalog { return holder.Current() }, Bundle: bundle})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func TestInABrowser(t *testing.T) {
	ctx := browser(t)
	e := newEnv(t)
	dir := os.Getenv("SAMAYOON_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	shot := shots{t, dir}
	eng := botOver(t, e.catalog)
	const phone = "+221000000000"
	if strings.Contains(botDetails(t, eng, "tg:1", "anpej-emploi"), phone) {
		t.Fatal("the test number is already in the catalog")
	}
	e.record(t, "2026-12-01", "start", "start", "need:emploi", "shown:anpej-emploi", "shown:baos-diourbel", "nomatch:papiers:diourbel:mbacke", "useful:yes:anpej-emploi")
	e.record(t, "2026-12-03", "start", "need:papiers", "nomatch:papiers:diourbel:mbacke", "problem:closed:baos-diourbel", "handoff:requested", "handoff:answered")

	do(t, ctx, "wrong password", chromedp.Navigate(e.ts.URL+"/catalogue"), chromedp.WaitVisible(css("#name")),
		chromedp.SendKeys(css("#name"), "awa"), chromedp.SendKeys(css("#password"), "pas le bon"),
		chromedp.Submit(css("#password")), chromedp.WaitVisible(css("#erreur")))
	if msg := value(t, ctx, "error text", chromedp.Text(css("#erreur"))); !strings.Contains(msg, "mot de passe incorrect") {
		t.Errorf("wrong password message: %q", msg)
	}
	shot.take(ctx, "01-connexion-refusee")
	do(t, ctx, "login", chromedp.SetValue(css("#password"), testPassword), chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css(`a[href="/entree/offers/anpej-emploi"]`)))
	shot.take(ctx, "02-catalogue")

	phoneInput := css(`#entree input[name="phones.0.number"]`)
	do(t, ctx, "edit the phone", chromedp.Navigate(e.ts.URL+"/entree/offers/anpej-emploi"), chromedp.WaitVisible(phoneInput),
		chromedp.SendKeys(phoneInput, phone))
	value(t, ctx, "live preview", chromedp.Poll[bool](`document.getElementById("apercu").textContent.includes("`+phone+`")`, chromedp.WithPollingTimeout(10*time.Second)))
	shot.take(ctx, "03-offre-apercu")
	do(t, ctx, "scroll to the phone", chromedp.ScrollIntoView(phoneInput))
	shot.view(ctx, "03-offre-apercu-ecran")
	do(t, ctx, "save", chromedp.Click(css(`#entree button[value="enregistrer"]`)), chromedp.WaitVisible(css("#enregistre")))
	if !strings.Contains(e.fileBytes(t), `- number: "`+phone+`"`) {
		t.Fatal("the saved phone is not in the catalog file")
	}
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(botDetails(t, eng, "tg:2", "anpej-emploi"), phone) {
		if time.Now().After(deadline) {
			t.Fatal("the bot did not pick the new number up through its catalog reload")
		}
		time.Sleep(50 * time.Millisecond)
	}

	awa := e.signedIn(t, "awa")
	do(t, ctx, "open the form before someone else saves", chromedp.Navigate(e.ts.URL+"/entree/offers/faise-fse"), chromedp.WaitVisible(css("#entree")))
	other := e.editForm(t, awa, "offers", "faise-fse")
	other.Set("cost.fr", "Gratuit (changé par une collègue).")
	if code, _, _ := post(t, awa, e.ts.URL+"/entree/offers/faise-fse", other); code != 303 {
		t.Fatalf("the colleague's save: %d", code)
	}
	do(t, ctx, "conflicting save", chromedp.SetValue(css(`#entree input[name="cost.fr"]`), "Mon changement"),
		chromedp.Click(css(`#entree button[value="enregistrer"]`)), chromedp.WaitVisible(css("#conflit")))
	if msg := value(t, ctx, "conflict text", chromedp.Text(css("#conflit"))); !strings.Contains(msg, "changé par une collègue") || strings.Contains(e.fileBytes(t), "Mon changement") {
		t.Errorf("conflict: the page must show the colleague's change and the file keep it: %q", msg)
	}
	shot.take(ctx, "04-conflit")

	before := e.fileBytes(t)
	do(t, ctx, "forged CSRF token", chromedp.Navigate(e.ts.URL+"/entree/offers/faise-fse"), chromedp.WaitVisible(css("#entree")),
		chromedp.SetValue(css(`#entree input[name="csrf"]`), "forged"), chromedp.SetValue(css(`#entree input[name="cost.fr"]`), "Forgé"),
		chromedp.Click(css(`#entree button[value="enregistrer"]`)), chromedp.WaitVisible(css("#erreur")))
	if msg := value(t, ctx, "error text", chromedp.Text(css("#erreur"))); !strings.Contains(msg, "Formulaire refusé") || e.fileBytes(t) != before {
		t.Errorf("forged form: %q, file changed: %v", msg, e.fileBytes(t) != before)
	}

	do(t, ctx, "figures", chromedp.Navigate(e.ts.URL+"/chiffres?"+url.Values{"du": {"2026-11-20"}, "au": {"2026-12-06"}}.Encode()),
		chromedp.WaitVisible(css("#non-couvert svg")))
	if n := value(t, ctx, "count charts", chromedp.Evaluate[int](`document.querySelectorAll("figure svg").length`)); n != 6 {
		t.Errorf("figures: %d charts rendered, want 6", n)
	}
	shot.take(ctx, "05-chiffres")

	do(t, ctx, "a 360-px screen", chromedp.EmulateViewport(360, 740), chromedp.Navigate(e.ts.URL+"/entree/offers/anpej-emploi"), chromedp.WaitVisible(css("#entree")))
	if w := value(t, ctx, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the edit page is %d px wide on a 360-px screen", w)
	}
	shot.take(ctx, "06-offre-360px")

	do(t, ctx, "log out, and in as a reviewer", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.ts.URL+"/catalogue"),
		chromedp.Click(css(`.logout button`)), chromedp.WaitVisible(css("#name")),
		chromedp.SendKeys(css("#name"), "modou"), chromedp.SendKeys(css("#password"), testPassword), chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#couverture")))
	shot.take(ctx, "07-couverture")
	item := css(`section[id="t-offer/anpej-csaem/name"]`)
	do(t, ctx, "a Wolof review mark", chromedp.Navigate(e.ts.URL+"/relecture?q=anpej-csaem"), chromedp.WaitVisible(item))
	shot.take(ctx, "08-relecture")
	do(t, ctx, "relu", chromedp.Click(css(`section[id="t-offer/anpej-csaem/name"] button[value="relu"]`)), chromedp.WaitVisible(css("#relu")))
	marks, err := os.ReadFile(filepath.Join(filepath.Dir(e.catalog), "review.wo.yaml"))
	if err != nil || !strings.Contains(string(marks), "offer/anpej-csaem/name:\n  reviewer: modou") {
		t.Errorf("the review mark is not in the review file: %v\n%s", err, marks)
	}
	t.Logf("screenshots in %s", dir)
}
