package cli

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/internal/testutil"
	"github.com/samayoon/samayoon/store"
)

// testCall is an offer added to the catalog file while the bot runs: a test-only call for
// projects in Mbacké, with no contact (none is invented).
const testCall = `
  - id: test-appel-mbacke
    organization: anpej
    name: {fr: "Appel de test pour Mbacké"}
    summary: {fr: "Offre de test ajoutée pendant le test des alertes."}
    audiences: [retour, jeune, famille, autre]
    needs: [emploi]
    area: {departments: [mbacke]}
    status: active
    sources: [https://anpej.sn]
    verified: 2026-11-29
`

// subscribeByButtons walks a chat to the results for need in a Diourbel department and presses 🔔.
func subscribeByButtons(t *testing.T, api *fakeapi.Server, user fakeapi.User, dept string) {
	t.Helper()
	push(api, user.Text("/start"))
	for i, label := range []string{"Français", "Migrant de retour", "Diourbel", dept, "Emploi", "🔔 Me prévenir"} {
		msg, data := waitButton(t, api, user.ID, label)
		push(api, user.Press("q"+string(rune('a'+i)), msg.ID, data))
	}
	waitText(t, api, user.ID, "Un message par jour au plus")
}

func TestAlertEndToEnd(t *testing.T) {
	file := testutil.CopyToTemp(t, "../../catalog/catalog.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const token = "123456:ALERTS-e2e-token"
	api := fakeapi.New(token)
	defer api.Close()
	addr := e2eAddr(t)
	redis := redistest.Start(t)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
		"HTTP_ADDR": addr, "LOG_FORMAT": "json", "CATALOG_FILE": file, "CATALOG_POLL": "100ms"}
	mbacke, bambey := fakeapi.User{ID: 5300000011, Lang: "fr"}, fakeapi.User{ID: 5300000012, Lang: "fr"}
	gone := fakeapi.User{ID: 5300000013, Lang: "fr"} // blocks the bot after subscribing
	logs := e2eRun(t, env, func() {
		e2eWait(t, "/readyz", func() bool { s, _ := e2eGet("http://" + addr + "/readyz"); return s == 200 })
		subscribeByButtons(t, api, mbacke, "Mbacké")
		subscribeByButtons(t, api, bambey, "Bambey")
		subscribeByButtons(t, api, gone, "Mbacké")
		api.Block(gone.ID, true)
		added := strings.Replace(string(data), "\ninfo_pages:", testCall+"\ninfo_pages:", 1)
		if err := os.WriteFile(file, []byte(added), 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		msg, stop := waitButton(t, api, mbacke.ID, "Arrêter") // within 10 s
		if !strings.Contains(msg.Text, "Appel de test pour Mbacké") || !strings.Contains(msg.Text, "Du nouveau pour vous") {
			t.Fatalf("alert message: %q", msg.Text)
		}
		t.Logf("alert received %s after the catalog file changed", time.Since(start).Round(time.Millisecond))
		time.Sleep(time.Second)
		for _, m := range api.Messages(bambey.ID) {
			if strings.Contains(m.Text, "Appel de test") {
				t.Fatalf("a chat subscribed to Bambey was alerted: %q", m.Text)
			}
		}
		push(api, mbacke.Press("qstop", msg.ID, stop))
		waitText(t, api, mbacke.ID, "C'est arrêté")
		subs := store.NewAlerts(redis.Client(t), "")
		e2eWait(t, "the blocked chat's alerts removed", func() bool {
			left, err := subs.Subscriptions(context.Background(), "tg:5300000013")
			return err == nil && len(left) == 0
		})
	})
	checkLogsArePrivate(t, logs, token)
}
