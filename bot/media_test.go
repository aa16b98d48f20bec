package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/bot/fakeapi"
)

const mediaGroup = int64(-1001234567890) // the staff group of the fixtures

// TestMediaInAHandoffThreadBothWays: in a handoff thread, the user's voice note, photo and
// document reach the staff group as copies below a post of the thread, and a staff
// member's voice or photo reply (even to the copied voice note) reaches the user as a copy.
func TestMediaInAHandoffThreadBothWays(t *testing.T) {
	th := &memThreads{links: map[int64][2]string{}}
	d := startHandoff(t, th)
	api := d.h.api
	var copies []fakeapi.Sent
	for _, file := range []string{"voice.json", "photo.json", "document.json"} {
		d.send(fixture(t, file))
		copies = checkCopiedToStaff(t, api, file, len(copies)+1)
	}
	voice := copies[0]
	replies := []struct{ file, caption string }{{"staff_voice_reply.json", ""}, {"staff_photo_reply.json", "plan d'accès"}}
	for i, tc := range replies {
		d.send(replyingTo(t, fixture(t, tc.file), voice.ID)) // a reply to the copied voice note
		msgs := api.Messages(d.user.ID)
		intro, copied := msgs[len(msgs)-2], msgs[len(msgs)-1]
		var staffMsg struct {
			Message struct {
				MessageID int `json:"message_id"`
			} `json:"message"`
		}
		_ = json.Unmarshal(fixture(t, tc.file), &staffMsg)
		if !strings.Contains(intro.Text, "L'équipe vous répond") || copied.Method != "copyMessage" ||
			copied.Params["from_chat_id"] != strconv.FormatInt(mediaGroup, 10) ||
			copied.Params["message_id"] != strconv.Itoa(staffMsg.Message.MessageID) {
			t.Fatalf("reply %d: the user got %q then %s %v; want the team's line then a copy of its media", i, intro.Text, copied.Method, copied.Params)
		}
		if _, ok := copied.Params["caption"]; ok {
			t.Errorf("the copy overrides the staff's caption %q", tc.caption)
		}
	}
	if logs := d.h.logs.String(); strings.Contains(logs, "file_id") || strings.Contains(logs, "AwACAgQ") || strings.Contains(logs, "attestation") {
		t.Errorf("logs mention the media:\n%s", logs)
	}
}

// checkCopiedToStaff checks that the n-th media passed on is a copy of the fixture's message
// answering a post of the thread, and linked to the thread; it returns the copies so far.
func checkCopiedToStaff(t *testing.T, api *fakeapi.Server, file string, n int) []fakeapi.Sent {
	t.Helper()
	var copies []fakeapi.Sent
	posts := map[int]fakeapi.Sent{}
	for _, m := range api.Messages(mediaGroup) {
		if m.Method == "copyMessage" {
			copies = append(copies, m)
		} else {
			posts[m.ID] = m
		}
	}
	if len(copies) != n {
		t.Fatalf("%s: %d copies in the staff group, want %d", file, len(copies), n)
	}
	var msg struct {
		Message struct {
			MessageID int `json:"message_id"`
		} `json:"message"`
	}
	_ = json.Unmarshal(fixture(t, file), &msg)
	c := copies[n-1]
	replyTo, _ := strconv.Atoi(c.Params["reply_to_message_id"])
	post, ok := posts[replyTo]
	if c.Params["from_chat_id"] != "5300000001" || c.Params["message_id"] != strconv.Itoa(msg.Message.MessageID) ||
		!ok || !strings.Contains(post.Text, "(ci-dessous)") || !strings.Contains(post.Text, "#") {
		t.Fatalf("%s: copy %v answering %+v; want the user's message below its post in the thread", file, c.Params, post)
	}
	return copies
}

// TestMediaOutsideAHandoffIsNotPassedOn: a voice note outside a thread gets the hint in the
// user's language, with the way to the team, and nothing reaches the staff group.
func TestMediaOutsideAHandoffIsNotPassedOn(t *testing.T) {
	eng := realEngine(t, true)
	api := newAPI(t)
	h := startBot(t, api, nil, "polling", func(c *Config) {
		c.Engine, c.StaffChatID, c.Threads = eng, mediaGroup, &memThreads{links: map[int64][2]string{}}
	})
	h.waitReady()
	d := &chatDriver{t: t, h: h, user: fakeapi.User{ID: 5300000001, Lang: "fr"}}
	d.push = func(raw []byte) { api.Push(raw) }
	d.send(d.user.Text("/start l-fr_p-retour_r-diourbel_d-mbacke_n-emploi"))
	d.send(fixture(t, "voice.json"))
	msgs := api.Messages(d.user.ID)
	if len(msgs) < 2 {
		t.Fatalf("%d messages; want the hint and the question after it", len(msgs))
	}
	hint, question := msgs[len(msgs)-2], msgs[len(msgs)-1]
	if !strings.Contains(hint.Text, "écouter les messages vocaux") || !strings.Contains(hint.Text, "Écrire à notre équipe") || len(question.Keyboard()) == 0 {
		t.Errorf("hint %q, then %q with %v; want the hint with the way to the team, then the buttons", hint.Text, question.Text, question.Keyboard())
	}
	if n := len(api.Messages(mediaGroup)) + len(api.Calls("copyMessage")); n != 0 {
		t.Errorf("%d staff posts or copies for media outside a thread", n)
	}
}

// startHandoff opens a handoff thread for the fixtures' user with a first written message.
func startHandoff(t *testing.T, th *memThreads) *chatDriver {
	t.Helper()
	api := newAPI(t)
	h := startBot(t, api, nil, "polling", func(c *Config) {
		c.Engine, c.StaffChatID, c.Threads = realEngine(t, true), mediaGroup, th
	})
	h.waitReady()
	d := &chatDriver{t: t, h: h, user: fakeapi.User{ID: 5300000001, Lang: "fr"}}
	d.push = func(raw []byte) { api.Push(raw) }
	d.send(d.user.Text("/start l-fr_p-retour_r-diourbel_d-mbacke_n-parler"))
	d.press("Écrire à notre équipe")
	d.press("Oui, j'écris")
	d.send(d.user.Text("Bonjour, voici mes papiers."))
	if posts := api.Messages(mediaGroup); len(posts) != 1 || !strings.Contains(posts[0].Text, "🆘 Demande #") {
		t.Fatalf("staff group %+v; want the request", posts)
	}
	return d
}

// replyingTo sets the message a staff fixture replies to.
func replyingTo(t *testing.T, raw []byte, post int) []byte {
	t.Helper()
	var u map[string]any
	if err := json.Unmarshal(raw, &u); err != nil {
		t.Fatal(err)
	}
	u["message"].(map[string]any)["reply_to_message"].(map[string]any)["message_id"] = post
	out, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
