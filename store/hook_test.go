package store

import (
	"context"
	"errors"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// errorCount is a fake ErrorCounter.
type errorCount int

func (n *errorCount) RedisError() { *n++ }

func TestCountErrors(t *testing.T) {
	script := redis.NewScript(`return 1`)
	tests := []struct {
		name string
		do   func(ctx context.Context, c *redis.Client, mr *miniredis.Miniredis)
		want errorCount
	}{
		{"ok command", func(ctx context.Context, c *redis.Client, _ *miniredis.Miniredis) { c.Set(ctx, "k", "v", 0) }, 0},
		{"missing key is not an error", func(ctx context.Context, c *redis.Client, _ *miniredis.Miniredis) { c.Get(ctx, "none") }, 0},
		{"script load fallback is not an error", func(ctx context.Context, c *redis.Client, _ *miniredis.Miniredis) {
			script.Run(ctx, c, []string{"k"})
		}, 0},
		{"wrong type is an error", func(ctx context.Context, c *redis.Client, _ *miniredis.Miniredis) {
			c.Set(ctx, "s", "v", 0)
			c.LPush(ctx, "s", "x")
		}, 1},
		{"pipeline ok", func(ctx context.Context, c *redis.Client, _ *miniredis.Miniredis) {
			p := c.Pipeline()
			p.Set(ctx, "a", "1", 0)
			p.Get(ctx, "a")
			_, _ = p.Exec(ctx)
		}, 0},
		{"server down counts", func(ctx context.Context, c *redis.Client, mr *miniredis.Miniredis) {
			mr.Close()
			c.Get(ctx, "k")
		}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mr := miniredis.RunT(t)
			c := redis.NewClient(&redis.Options{Addr: mr.Addr(), MaxRetries: -1})
			defer c.Close()
			var got errorCount
			CountErrors(c, &got)
			tc.do(context.Background(), c, mr)
			if got < tc.want || (tc.want == 0 && got != 0) {
				t.Errorf("redis errors = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestIsRedisFailure(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"redis.Nil", redis.Nil, false},
		{"wrapped redis.Nil", errors.Join(errors.New("x"), redis.Nil), false},
		{"cancelled", context.Canceled, false},
		{"noscript", errors.New("NOSCRIPT No matching script"), false},
		{"timeout", context.DeadlineExceeded, true},
		{"other", errors.New("LOADING Redis is loading"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isRedisFailure(tc.err); got != tc.want {
				t.Errorf("isRedisFailure(%v) = %t, want %t", tc.err, got, tc.want)
			}
		})
	}
}
