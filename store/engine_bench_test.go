package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

// BenchmarkHandleJourney measures Engine.Handle at each step of the load test's French
// journey with the session in Redis, on each backend: the engine's work plus its two round
// trips. Each iteration is a new chat brought to the step untimed, so the timed update is that
// step's alone.
func BenchmarkHandleJourney(b *testing.B) {
	steps := journey("fr")[:6] // /start, language, profile, region, department, need → results
	names := []string{"start", "language", "profile", "region", "department", "need_results"}
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			client, _ := be.start(b)
			e := newEngine(b, New(client, Options{Logger: quietLogger()}))
			n := 0 // chats and update ids stay new across runs of a sub-benchmark
			for k, name := range names {
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						b.StopTimer()
						n++
						chat := flows.Chat{ID: "bench:" + name + ":" + strconv.Itoa(n), PlatformLang: "fr"}
						for _, before := range steps[:k] {
							handleStep(b, e, chat, before.in, &n)
						}
						b.StartTimer()
						handleStep(b, e, chat, steps[k].in, &n)
					}
				})
			}
		})
	}
}

// handleStep runs one update with a fresh update id; an error or no reply fails the benchmark.
func handleStep(b *testing.B, e *flows.Engine, chat flows.Chat, in flows.Input, n *int) {
	*n++
	in.UpdateID = strconv.Itoa(*n)
	replies, err := e.Handle(context.Background(), chat, in)
	if err != nil || len(replies) == 0 {
		b.Fatalf("%s: %d replies, %v", chat.ID, len(replies), err)
	}
}
