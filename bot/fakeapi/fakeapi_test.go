package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// call posts a form to the fake and decodes the envelope.
func call(t *testing.T, s *Server, token, method string, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/bot"+token+"/"+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func TestFake(t *testing.T) {
	const token = "1:tok"
	u := User{ID: 42, Lang: "fr"}
	tests := []struct {
		name string
		run  func(t *testing.T, s *Server)
	}{
		{"wrong token is 401", func(t *testing.T, s *Server) {
			if code, _ := call(t, s, "2:bad", "getMe", nil); code != 401 {
				t.Errorf("code %d", code)
			}
		}},
		{"offset confirms updates", func(t *testing.T, s *Server) {
			first := s.Push(u.Text("/start"))
			s.Push(u.Text("bonjour"))
			_, body := call(t, s, token, "getUpdates", url.Values{"offset": {"0"}})
			if n := len(body["result"].([]any)); n != 2 {
				t.Fatalf("%d updates", n)
			}
			call(t, s, token, "getUpdates", url.Values{"offset": {strconv.Itoa(first + 1)}})
			if s.Pending() != 1 {
				t.Errorf("pending %d after confirming one", s.Pending())
			}
		}},
		{"long poll wakes on push", func(t *testing.T, s *Server) {
			go func() { time.Sleep(50 * time.Millisecond); s.Push(u.Text("x")) }()
			_, body := call(t, s, token, "getUpdates", url.Values{"timeout": {"5"}})
			if n := len(body["result"].([]any)); n != 1 {
				t.Errorf("%d updates", n)
			}
		}},
		{"injected 429 then success", func(t *testing.T, s *Server) {
			s.Fail("sendMessage", Fault{Code: 429, RetryAfter: 3})
			code, body := call(t, s, token, "sendMessage", url.Values{"chat_id": {"42"}, "text": {"a"}})
			if code != 429 || body["parameters"].(map[string]any)["retry_after"].(float64) != 3 {
				t.Errorf("first: %d %v", code, body)
			}
			if code, _ := call(t, s, token, "sendMessage", url.Values{"chat_id": {"42"}, "text": {"a"}}); code != 200 {
				t.Errorf("second: %d", code)
			}
		}},
		{"a JSON body is read like a form", func(t *testing.T, s *Server) {
			resp, err := http.Post(s.URL()+"/bot"+token+"/sendMessage", "application/json",
				strings.NewReader(`{"chat_id":42,"text":"a","reply_markup":{"inline_keyboard":[]}}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if m := s.Messages(42); resp.StatusCode != 200 || len(m) != 1 || m[0].Text != "a" || m[0].Markup != `{"inline_keyboard":[]}` {
				t.Errorf("status %d, messages %+v", resp.StatusCode, m)
			}
		}},
		{"blocked chat is 403", func(t *testing.T, s *Server) {
			s.Block(42, true)
			if code, _ := call(t, s, token, "sendMessage", url.Values{"chat_id": {"42"}, "text": {"a"}}); code != 403 {
				t.Errorf("code %d", code)
			}
		}},
		{"identical edit is not modified", func(t *testing.T, s *Server) {
			call(t, s, token, "sendMessage", url.Values{"chat_id": {"42"}, "text": {"a"}})
			id := strconv.Itoa(s.Messages(42)[0].ID)
			edit := url.Values{"chat_id": {"42"}, "message_id": {id}, "text": {"b"}}
			if code, _ := call(t, s, token, "editMessageText", edit); code != 200 {
				t.Fatalf("edit: %d", code)
			}
			code, body := call(t, s, token, "editMessageText", edit)
			if code != 400 || !strings.Contains(body["description"].(string), "message is not modified") {
				t.Errorf("second edit: %d %v", code, body)
			}
		}},
		{"getUpdates refused while a webhook is set", func(t *testing.T, s *Server) {
			call(t, s, token, "setWebhook", url.Values{"url": {"https://example.org/h"}, "secret_token": {"x"}})
			if code, _ := call(t, s, token, "getUpdates", nil); code != 409 {
				t.Errorf("code %d", code)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(token)
			defer s.Close()
			tt.run(t, s)
		})
	}
}
