package cli

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot"
	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/internal/testutil"
	"github.com/samayoon/samayoon/store"
)

// TestStaffApprovalAcrossReplicas: with ALERTS_REQUIRE_APPROVAL=true, two replicas see a new
// offer; the staff group gets one post with the count, nothing is sent before the button,
// and pressing it twice (on each replica) sends each subscriber one alert.
func TestStaffApprovalAcrossReplicas(t *testing.T) {
	const token = "5300043:AAApprove_e2e-token"
	const group = int64(-1001234567890)
	file := testutil.CopyToTemp(t, "../../catalog/catalog.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	redis := redistest.Start(t)
	api := fakeapi.New(token)
	defer api.Close()
	env := map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
		"TELEGRAM_MODE": "webhook", "WEBHOOK_SECRET": "approve_secret-1", "LOG_FORMAT": "json",
		"STAFF_CHAT_ID": "-1001234567890", "ALERTS_REQUIRE_APPROVAL": "true",
		"CATALOG_FILE": file, "CATALOG_POLL": "100ms", "WORKERS": "4"}
	subs := store.NewAlerts(redis.Client(t), "")
	users := []int64{5300000021, 5300000022}
	for _, id := range users {
		chat := "tg:" + strconv.FormatInt(id, 10)
		if _, err := subs.Subscribe(context.Background(), chat, "fr", flows.Subscription{Need: "emploi", Region: "diourbel", Dept: "mbacke"}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := startReplica(t, env), startReplica(t, env)
	defer a.close(t)
	defer b.close(t)
	time.Sleep(6 * time.Second) // both replicas record the catalog as it is (no alert)
	added := strings.Replace(string(data), "\ninfo_pages:", testCall+"\ninfo_pages:", 1)
	if err := os.WriteFile(file, []byte(added), 0o600); err != nil {
		t.Fatal(err)
	}
	post := waitStaffPost(t, api, group, "Appel de test pour Mbacké", 1)
	if !strings.Contains(post.Text, "2 discussion(s) au plus") {
		t.Errorf("approval post: %q", post.Text)
	}
	time.Sleep(6 * time.Second) // the other replica's check, and any sending, would be done
	if n := countStaffPosts(api, group, "Alertes en attente"); n != 1 {
		t.Errorf("%d approval posts, want 1 across both replicas", n)
	}
	for _, id := range users {
		if n := len(api.Messages(id)); n != 0 {
			t.Fatalf("chat %d got %d message(s) before approval", id, n)
		}
	}
	staff := fakeapi.Staff{ID: 5300000900, Group: group}
	for i, r := range []*replica{b, a} {
		code, err := api.DeliverTo(context.Background(), r.url, staff.Press("qa"+strconv.Itoa(i), post.ID, bot.ApproveAlertsData))
		if err != nil || code != http.StatusOK {
			t.Fatalf("webhook delivery: %d %v", code, err)
		}
		waitStaffPost(t, api, group, []string{"1 alerte(s) approuvée(s)", "Rien à envoyer"}[i], 1)
	}
	for _, id := range users {
		waitText(t, api, id, "Appel de test pour Mbacké")
	}
	time.Sleep(2 * time.Second)
	for _, id := range users {
		if n := len(api.Messages(id)); n != 1 {
			t.Errorf("chat %d got %d messages, want one alert", id, n)
		}
	}
	if kb := api.Messages(group)[0].Keyboard(); len(kb) != 0 {
		t.Errorf("the approval button is still there after the release: %+v", kb)
	}
}
