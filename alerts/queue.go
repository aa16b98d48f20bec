package alerts

import (
	"context"
	"time"
)

// Queue is the alerts' state in Redis, shared by every replica; the store implements it.
type Queue interface {
	// Record keeps the changes' (offer, key) pairs and reminders it has not seen before and
	// holds them for release; it returns only those. The very first call records without
	// returning anything (what is open when alerts are switched on is not news).
	Record(ctx context.Context, changes []Change) ([]Change, error)
	// Held lists the changes waiting for release; Release queues them all for fan-out.
	Held(ctx context.Context) ([]Change, error)
	Release(ctx context.Context) (int, error)
	// Reach is how many chats a change can reach at most (a chat may be in several keys).
	Reach(ctx context.Context, c Change) (int64, error)

	// ReadFan returns released changes to fan out: first those a dead consumer left for
	// longer than idle, then new ones (waiting up to block).
	ReadFan(ctx context.Context, consumer string, idle, block time.Duration) ([]Fan, error)
	// FanOut adds the change's item to each subscribed chat's pending set, scanning the
	// subscriber sets batch by batch, and queues one send entry per chat that had none.
	FanOut(ctx context.Context, c Change, batch int) (int, error)
	AckFan(ctx context.Context, id string) error

	// ReadSend returns send entries like ReadFan: reclaimed first, then new ones.
	ReadSend(ctx context.Context, consumer string, count int, idle, block time.Duration) ([]Entry, error)
	// Take decides each entry at now, in one round trip: send the chat's pending items
	// (claimed for the entry, so a retry sends the same), later (already messaged today),
	// or skip.
	Take(ctx context.Context, es []Entry, now time.Time) ([]Task, error)
	// Done acknowledges entries whatever their outcome, in one round trip.
	Done(ctx context.Context, es []Entry) error
	// Promote moves the chats whose day has passed back into the send queue.
	Promote(ctx context.Context, now time.Time) (int, error)
	// UnsubscribeAll removes a chat's alerts (after a 403).
	UnsubscribeAll(ctx context.Context, chat string) (int, error)
}

// Fan is one released change in the fan-out stream.
type Fan struct {
	ID     string
	Change Change
}

// Entry is one send-stream entry: a chat with pending items.
type Entry struct {
	ID, Chat string
}

// Action is what to do with an entry.
type Action int

// The outcomes of Take.
const (
	ActSkip  Action = iota // nothing to send (unsubscribed, or already sent by another entry)
	ActSend                // send Items in Lang
	ActLater               // the chat had its message today: queued for tomorrow
)

// Task is Take's decision.
type Task struct {
	Action Action
	Lang   string
	Items  []string // Change.Item values
}
