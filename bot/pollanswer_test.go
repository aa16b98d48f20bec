package bot

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPollClientDecodesOnce: a getUpdates answer that decodes in one pass lands in polled
// and the library reads an empty result; any other answer reaches the library whole.
func TestPollClientDecodesOnce(t *testing.T) {
	good := `{"ok":true,"result":[{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"salut"}}]}`
	typo := `{"ok":true,"result":[{"update_id":8,"message":{"message_id":1,"date":1,"chat":{"id":5.5,"type":"private"},"text":"x"}}]}`
	tests := []struct {
		name, answer string
		code         int
		done         bool
		ids          []int
		library      string // what the library reads
	}{
		{"a good answer is decoded once", good, 200, true, []int{7}, `{"ok":true,"result":[]}`},
		{"an empty list", `{"ok":true,"result":[]}`, 200, true, nil, `{"ok":true,"result":[]}`},
		{"a badly typed update goes to the library whole", typo, 200, false, nil, typo},
		{"not ok goes whole", `{"ok":false,"error_code":409,"description":"Conflict"}`, 200, false, nil, `{"ok":false,"error_code":409,"description":"Conflict"}`},
		{"an error answer is not read", `{"ok":false,"error_code":400,"description":"Bad Request: x"}`, 400, false, nil, `{"ok":false,"error_code":400,"description":"Bad Request: x"}`},
	}
	bufs := &sync.Pool{New: func() any { return new(bytes.Buffer) }}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.code)
				_, _ = io.WriteString(w, tt.answer)
			}))
			defer srv.Close()
			var into polled
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/bot1:x/getUpdates", strings.NewReader("timeout=0"))
			client := ctxClient{ctx: context.Background(), t: newTransport(srv.Client().Transport, nopObserver{}, time.Now, 3)}
			resp, err := pollClient{ctxClient: client, into: &into, bufs: bufs}.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			var ids []int
			for _, d := range fromPolled(into.updates) {
				ids = append(ids, d.u.id)
			}
			if into.done != tt.done || string(body) != tt.library || len(ids) != len(tt.ids) || (len(ids) > 0 && ids[0] != tt.ids[0]) {
				t.Errorf("done %v, ids %v, library reads %q; want %v, %v, %q", into.done, ids, body, tt.done, tt.ids, tt.library)
			}
		})
	}
}
