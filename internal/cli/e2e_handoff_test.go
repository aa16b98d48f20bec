package cli

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/redistest"
)

// replica is one running bot process of several sharing Redis behind the webhook.
type replica struct {
	url    string // its webhook URL
	stderr e2eBuffer
	stop   context.CancelFunc
	code   chan int
}

// startReplica runs run like main does with env plus its own HTTP address and webhook URL.
func startReplica(t *testing.T, env map[string]string) *replica {
	t.Helper()
	own := map[string]string{}
	for k, v := range env {
		own[k] = v
	}
	addr := e2eAddr(t)
	own["HTTP_ADDR"], own["WEBHOOK_URL"] = addr, "http://"+addr+"/telegram/hook"
	ctx, cancel := context.WithCancel(context.Background())
	r := &replica{url: own["WEBHOOK_URL"], stop: cancel, code: make(chan int, 1)}
	go func() {
		var stdout e2eBuffer
		r.code <- run(ctx, nil, func(k string) string { return own[k] }, strings.NewReader(""), &stdout, &r.stderr)
	}()
	e2eWait(t, "replica ready", func() bool { s, _ := e2eGet("http://" + addr + "/readyz"); return s == http.StatusOK })
	return r
}

// close stops the replica and expects a clean exit.
func (r *replica) close(t *testing.T) {
	t.Helper()
	r.stop()
	select {
	case c := <-r.code:
		if c != 0 {
			t.Errorf("replica exit code %d:\n%s", c, r.stderr.String())
		}
	case <-time.After(12 * time.Second):
		t.Errorf("replica did not stop within 12 s")
	}
}

// TestHandoffAcrossReplicas: two bot processes share a real Redis behind the webhook; a
// user's consent, request, replies and the staff's answers land on either of them.
func TestHandoffAcrossReplicas(t *testing.T) {
	const token = "5300042:AAHandoff_e2e-token"
	const group = int64(-1001234567890)
	redis := redistest.Start(t)
	api := fakeapi.New(token)
	defer api.Close()
	env := map[string]string{"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redis.URL(),
		"TELEGRAM_MODE": "webhook", "WEBHOOK_SECRET": "handoff_secret-1", "LOG_FORMAT": "json", "LOG_LEVEL": "debug",
		"STAFF_CHAT_ID": "-1001234567890", "HANDOFF_REMIND": "1s", "WORKERS": "4"}
	a, b := startReplica(t, env), startReplica(t, env)
	user := fakeapi.User{ID: 5300000001, Lang: "fr"}
	staff := fakeapi.Staff{ID: 5300000900, Group: group}
	to := func(r *replica, raw []byte) {
		t.Helper()
		if code, err := api.DeliverTo(context.Background(), r.url, raw); err != nil || code != http.StatusOK {
			t.Fatalf("webhook delivery: %d %v", code, err)
		}
	}
	press := func(r *replica, label string) {
		t.Helper()
		msg, data := waitButton(t, api, user.ID, label)
		to(r, user.Press("q-"+label, msg.ID, data))
	}

	to(a, user.Text("/start l-fr_p-retour_r-diourbel_d-mbacke_n-parler"))
	press(b, "Écrire à notre équipe")
	press(a, "Oui, j'écris")
	waitText(t, api, user.ID, "Écrivez votre message")
	to(b, user.Text("Bonjour, je cherche un travail de maçon à Mbacké."))
	request := waitStaffPost(t, api, group, "🆘 Demande #", 1)
	if strings.Contains(request.Text, "5300000001") || !strings.Contains(request.Text, "maçon") {
		t.Errorf("request post: %q", request.Text)
	}
	reminder := waitStaffPost(t, api, group, "⏰ Demande", 3)
	if reminder.Params["reply_to_message_id"] != strconv.Itoa(request.ID) {
		t.Errorf("reminder does not answer the request post: %v", reminder.Params)
	}
	time.Sleep(2500 * time.Millisecond) // two more reminder periods: no fourth reminder may come
	if n := countStaffPosts(api, group, "⏰ Demande"); n != 3 {
		t.Errorf("%d reminders, want 3 (one per period, at most 3, across both replicas)", n)
	}

	to(b, staff.Reply(request.ID, "Bonjour ! Passez au BAOS de Diourbel mardi matin."))
	waitText(t, api, user.ID, "L'équipe : Bonjour ! Passez au BAOS")
	to(a, staff.Reply(reminder.ID, "Apportez votre carte d'identité."))
	waitText(t, api, user.ID, "Apportez votre carte")
	to(a, user.Text("Merci, à quelle heure ?"))
	waitStaffPost(t, api, group, "à quelle heure", 1)
	to(b, user.Contact("+221000000099"))
	waitStaffPost(t, api, group, "partage son numéro : +221000000099", 1)
	to(b, staff.Reply(request.ID, "/fin"))
	waitText(t, api, user.ID, "L'équipe a terminé la conversation")
	waitStaffPost(t, api, group, "conversation close", 1)
	to(a, staff.Reply(request.ID, "Vous êtes là ?"))
	waitStaffPost(t, api, group, "n'est plus ouverte", 1)
	to(b, staff.Reply(0, "Réunion à 15 h")) // chatter in the group: ignored

	a.close(t)
	b.close(t)
	for _, r := range []*replica{a, b} {
		checkLogsArePrivate(t, r.stderr.String(), token)
		for _, text := range []string{"maçon", "Passez au BAOS", "carte d'identité", "5300000900", "000000099"} {
			if strings.Contains(r.stderr.String(), text) {
				t.Errorf("a replica logged %q", text)
			}
		}
	}
	if n := countStaffPosts(api, group, "Réunion"); n != 0 || len(api.Messages(user.ID)) == 0 {
		t.Errorf("group chatter was echoed")
	}
}

// waitStaffPost waits until the staff group has n posts containing s and returns the last.
func waitStaffPost(t *testing.T, api *fakeapi.Server, group int64, s string, n int) fakeapi.Sent {
	t.Helper()
	var last fakeapi.Sent
	e2eWait(t, "staff post "+s, func() bool {
		found := 0
		for _, m := range api.Messages(group) {
			if strings.Contains(m.Text, s) {
				found, last = found+1, m
			}
		}
		return found >= n
	})
	return last
}

// countStaffPosts counts the staff group's posts containing s.
func countStaffPosts(api *fakeapi.Server, group int64, s string) int {
	n := 0
	for _, m := range api.Messages(group) {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}
