package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// poll long-polls getUpdates and hands each update to its chat's shard until ctx ends.
func poll(ctx context.Context, a *api, shards []chan job, log *slog.Logger) error {
	var offset int64
	for ctx.Err() == nil {
		var raw []json.RawMessage
		params := map[string]any{"offset": offset, "timeout": 25, "limit": 100}
		if err := a.callInto(ctx, "getUpdates", params, &raw); err != nil {
			if ctx.Err() != nil {
				break
			}
			log.Warn("getUpdates failed", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		for _, r := range raw {
			var u update
			if err := json.Unmarshal(r, &u); err != nil {
				log.Warn("skipping an update that does not decode", "err", err)
				var id struct {
					ID int64 `json:"update_id"`
				}
				if json.Unmarshal(r, &id) == nil && id.ID >= offset {
					offset = id.ID + 1
				}
				continue
			}
			if u.ID >= offset {
				offset = u.ID + 1
			}
			shardOf(shards, u.chat()) <- job{upd: u}
		}
	}
	return nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// webhookHandler checks the secret, queues the update on its shard and answers 200 once handled.
func webhookHandler(secret string, shards []chan job, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if secret != "" && r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != secret {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var u update
		err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&u)
		if err != nil {
			log.Warn("skipping a webhook update that does not decode", "err", errors.Unwrap(err))
			w.WriteHeader(http.StatusOK) // a retry would not decode either
			return
		}
		done := make(chan struct{})
		shardOf(shards, u.chat()) <- job{upd: u, done: done}
		select {
		case <-done:
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusOK)
	})
}
