// Command alertsubs subscribes N chats (ids base..base+N-1) to one need × place through the
// store's own Subscribe, so load-alerts.sh can start a broadcast of tgsim users it never
// walked through the bot.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"

	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/store"
)

// main subscribes the chats and prints how many were new.
func main() {
	url := flag.String("redis", "redis://127.0.0.1:6379/0", "Redis URL")
	n := flag.Int("n", 20000, "chats to subscribe")
	base := flag.Int64("base", 5300000001, "first chat id")
	need := flag.String("need", "emploi", "need")
	region := flag.String("region", "diourbel", "region")
	dept := flag.String("dept", "mbacke", "department")
	flag.Parse()
	if err := run(*url, *n, *base, flows.Subscription{Need: *need, Region: *region, Dept: *dept}); err != nil {
		fmt.Fprintln(os.Stderr, "alertsubs:", err)
		os.Exit(1)
	}
}

// run subscribes the chats one by one, in French.
func run(url string, n int, base int64, sub flows.Subscription) error {
	client, err := store.Open(context.Background(), store.Config{URL: url}, slog.New(slog.DiscardHandler))
	if err != nil {
		return fmt.Errorf("redis: %w", err)
	}
	defer client.Close()
	q := store.NewAlerts(client, "")
	added := 0
	for i := range int64(n) {
		ok, err := q.Subscribe(context.Background(), "tg:"+strconv.FormatInt(base+i, 10), "fr", sub)
		if err != nil {
			return fmt.Errorf("subscribe: %w", err)
		}
		if ok {
			added++
		}
	}
	fmt.Printf("%d chats subscribed to %s\n", added, sub.Key())
	return nil
}
