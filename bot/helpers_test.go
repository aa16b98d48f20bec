package bot

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/samayoon/samayoon/bot/fakeapi"
	"github.com/samayoon/samayoon/internal/testutil"
)

const testToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

// syncBuffer is the shared goroutine-safe log sink.
type syncBuffer = testutil.SyncBuffer

// recorder is an Observer that counts what it sees.
type recorder struct {
	mu       sync.Mutex
	updates  map[string]int
	replies  int
	handled  int
	retries  []time.Duration
	apiCalls map[string]int
	held     int
	notices  int
}

func newRecorder() *recorder {
	return &recorder{updates: map[string]int{}, apiCalls: map[string]int{}}
}

func (r *recorder) Update(kind string) { r.mu.Lock(); r.updates[kind]++; r.mu.Unlock() }
func (r *recorder) Handled(time.Duration, error) {
	r.mu.Lock()
	r.handled++
	r.mu.Unlock()
}
func (r *recorder) Reply() { r.mu.Lock(); r.replies++; r.mu.Unlock() }
func (r *recorder) APICall(method string, code int) {
	r.mu.Lock()
	r.apiCalls[method+" "+strconv.Itoa(code)]++
	r.mu.Unlock()
}
func (r *recorder) Held(delta int) { r.mu.Lock(); r.held += delta; r.mu.Unlock() }
func (r *recorder) OutageNotice()  { r.mu.Lock(); r.notices++; r.mu.Unlock() }
func (r *recorder) RetryAfter(d time.Duration) {
	r.mu.Lock()
	r.retries = append(r.retries, d)
	r.mu.Unlock()
}

// handledCount is how many updates went through the whole pipeline.
func (r *recorder) handledCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handled
}

func (r *recorder) count(kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.updates[kind]
}

// harness is a bot running against a fake API.
type harness struct {
	t    *testing.T
	api  *fakeapi.Server
	eng  *menuEngine
	bot  *Bot
	logs *syncBuffer
	obs  *recorder
	stop context.CancelFunc
	done chan error
	hook *httptest.Server
	once sync.Once
}

// startBot runs a bot in mode against api; tweak may adjust the config.
func startBot(t *testing.T, api *fakeapi.Server, eng *menuEngine, mode string, tweak func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, api: api, eng: eng, logs: &syncBuffer{}, obs: newRecorder(), done: make(chan error, 1)}
	cfg := Config{
		Token: api.Token, APIURL: api.URL(), Mode: mode, Engine: eng, Observer: h.obs, Workers: 4,
		Logger:      slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PollTimeout: 2 * time.Second, DrainTimeout: 2 * time.Second, ChatBurst: 100,
		ChatLabel: func(string) string { return "label" },
	}
	if mode == "webhook" {
		h.hook = httptest.NewUnstartedServer(nil)
		cfg.WebhookURL, cfg.WebhookSecret = "http://"+h.hook.Listener.Addr().String()+"/tg/hook", "s3cr3t_Token-1"
	}
	if tweak != nil {
		tweak(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	b, err := New(ctx, cfg)
	if err != nil {
		cancel()
		t.Fatalf("New: %v", err)
	}
	h.bot, h.stop = b, cancel
	if h.hook != nil {
		h.hook.Config.Handler = b.WebhookHandler()
		h.hook.Start()
	}
	go func() { h.done <- b.Run(ctx) }()
	t.Cleanup(h.close)
	return h
}

// close stops the bot and waits for Run to return.
func (h *harness) close() { h.once.Do(h.shutdown) }

// shutdown cancels Run and waits for it.
func (h *harness) shutdown() {
	h.stop()
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.t.Error("Run did not return within 10 s of cancellation")
	}
	if h.hook != nil {
		h.hook.Close()
	}
}

// eventually polls cond until it holds or 10 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitReady waits until the bot polls or has registered its webhook.
func (h *harness) waitReady() {
	h.t.Helper()
	eventually(h.t, "bot ready", h.bot.Ready)
}

// lastMessage waits for chat to have at least n messages and returns the last one.
func (h *harness) lastMessage(chat int64, n int) fakeapi.Sent {
	h.t.Helper()
	eventually(h.t, "message "+strconv.Itoa(n), func() bool { return len(h.api.Messages(chat)) >= n })
	msgs := h.api.Messages(chat)
	return msgs[len(msgs)-1]
}

// newAPI starts a fake Bot API closed after the test's bots (cleanups run last-in first-out).
func newAPI(t *testing.T) *fakeapi.Server {
	api := fakeapi.New(testToken)
	t.Cleanup(api.Close)
	return api
}
