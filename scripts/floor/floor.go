package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// update is the part of a Telegram update the floor reads.
type update struct {
	ID      int64 `json:"update_id"`
	Message *struct {
		Chat struct {
			ID int64 `json:"id"`
		} `json:"chat"`
		Text string `json:"text"`
	} `json:"message"`
	Callback *struct {
		ID      string `json:"id"`
		Data    string `json:"data"`
		Message *struct {
			Chat struct {
				ID int64 `json:"id"`
			} `json:"chat"`
		} `json:"message"`
	} `json:"callback_query"`
}

// chat returns the update's chat id, or 0 when it has none the floor answers.
func (u *update) chat() int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.Callback != nil && u.Callback.Message != nil:
		return u.Callback.Message.Chat.ID
	}
	return 0
}

// job is one update for a worker; done (if set) closes when it is handled.
type job struct {
	upd  update
	done chan struct{}
}

// floor holds what every worker shares; nothing per user lives in memory.
type floor struct {
	api     *api
	rdb     *redis.Client
	log     *slog.Logger
	screens []screen // built once, read only
}

// sessionTTL is how long the floor's one-value session lives.
const sessionTTL = 24 * time.Hour

// work handles the jobs of one shard in order until in closes.
func (f *floor) work(in <-chan job) {
	for j := range in {
		ctx, cancel := drainCtx()
		if err := f.handle(ctx, &j.upd); err != nil {
			f.log.Warn("update failed", "update", j.upd.ID, "err", err)
		}
		cancel()
		if j.done != nil {
			close(j.done)
		}
	}
}

// handle does exactly one GET, one SET, one sendMessage and, for a press, one answerCallbackQuery.
func (f *floor) handle(ctx context.Context, u *update) error {
	chat := u.chat()
	if chat == 0 {
		return nil
	}
	key := "floor:" + strconv.FormatInt(chat, 10)
	cur, err := f.rdb.Get(ctx, key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	next := nextScreen(cur, len(f.screens), u)
	if err := f.rdb.Set(ctx, key, next, sessionTTL).Err(); err != nil {
		return err
	}
	if u.Callback != nil {
		if err := f.api.call(ctx, "answerCallbackQuery", map[string]string{"callback_query_id": u.Callback.ID}); err != nil {
			return err
		}
	}
	s := &f.screens[next]
	return f.api.call(ctx, "sendMessage", sendParams{ChatID: chat, Text: s.text, ReplyMarkup: s.markup})
}

// nextScreen walks the journey: /start restarts it, a press moves on, other text repeats.
func nextScreen(cur, n int, u *update) int {
	switch {
	case u.Message != nil && strings.HasPrefix(u.Message.Text, "/start"):
		return 0
	case u.Callback != nil && cur+1 < n:
		return cur + 1
	case cur >= 0 && cur < n:
		return cur
	}
	return 0
}

// sendParams is a sendMessage body.
type sendParams struct {
	ChatID      int64           `json:"chat_id"`
	Text        string          `json:"text"`
	ReplyMarkup json.RawMessage `json:"reply_markup"`
}
