package bot

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxPollAnswer bounds a getUpdates answer (100 updates of a few kB each).
const maxPollAnswer = 32 << 20

// polled is where a getUpdates call's updates land when its answer decodes in one pass.
type polled struct {
	done    bool
	updates []tgbotapi.Update
}

// pollClient runs a getUpdates call for the library and decodes a successful answer once,
// straight into tgbotapi.Update (fastDecode), from a reused buffer; the library then reads
// an empty result. Left to itself, MakeRequest copies the whole answer into a raw message
// with encoding/json first, a second full pass over every update. An answer that does not
// decode so goes to the library whole, and decodeUpdates takes it update by update.
type pollClient struct {
	ctxClient
	into *polled
	bufs *sync.Pool // of *bytes.Buffer
}

// Do sends req under the bound context and takes a successful answer's updates.
func (p pollClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := p.ctxClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	buf := p.bufs.Get().(*bytes.Buffer)
	defer p.bufs.Put(buf)
	buf.Reset()
	_, err = buf.ReadFrom(io.LimitReader(resp.Body, maxPollAnswer))
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	body := `{"ok":true,"result":[]}`
	if updates, ok := decodeAnswer(buf.Bytes()); ok {
		p.into.done, p.into.updates = true, updates
	} else {
		body = buf.String() // a copy: the buffer goes back to the pool
	}
	resp.Body, resp.ContentLength = newBodyReader(body), int64(len(body))
	return resp, nil
}

// decodeAnswer decodes a whole getUpdates answer in one pass (fastDecode); false when the
// answer is not ok or does not decode so.
func decodeAnswer(body []byte) ([]tgbotapi.Update, bool) {
	var answer struct {
		Ok     bool              `json:"ok"`
		Result []tgbotapi.Update `json:"result"`
	}
	ok := fastDecode(body, &answer) && answer.Ok
	return answer.Result, ok
}

// pollAPI is the library client for one getUpdates call under ctx, its updates landing in into.
func (b *Bot) pollAPI(ctx context.Context, into *polled) *tgbotapi.BotAPI {
	api := b.api(ctx)
	api.Client = pollClient{ctxClient: ctxClient{ctx: ctx, t: b.transport}, into: into, bufs: &b.pollBufs}
	return api
}

// fromPolled reduces decoded updates to what the bot needs.
func fromPolled(updates []tgbotapi.Update) []decoded {
	out := make([]decoded, len(updates))
	for i := range updates {
		out[i].u, out[i].err = fromUpdate(&updates[i], nil, nil)
	}
	return out
}
