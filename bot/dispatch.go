package bot

import (
	"context"
	"sync"
	"time"
)

// dispatcher runs jobs strictly in order per chat, never two at once for a chat, with at
// most cap(sem) chats busy at once; a chat waiting on Telegram gives its slot back.
type dispatcher struct {
	mu     sync.Mutex
	queues map[string][]func(context.Context)
	sem    chan struct{}
	wg     sync.WaitGroup
	ctx    context.Context
	pool   *gopool
}

// newDispatcher returns a dispatcher whose jobs run under ctx with workers slots. Its pool
// keeps idle as many goroutines as a full poll window uses (maxInFlight*workers chats, and
// a button answer beside each): with only workers kept, every batch started 30-odd fresh
// goroutines (9,879 in a 2,000-user journey, against 540), each growing its stack anew.
func newDispatcher(ctx context.Context, workers int) *dispatcher {
	return &dispatcher{queues: map[string][]func(context.Context){}, sem: make(chan struct{}, workers), ctx: ctx,
		pool: newGopool(2*maxInFlight*workers, ctx.Done())}
}

// submit queues job behind the chat's earlier jobs.
func (d *dispatcher) submit(chat string, job func(context.Context)) {
	d.mu.Lock()
	q, busy := d.queues[chat]
	d.queues[chat] = append(q, job)
	if !busy {
		d.wg.Add(1)
		d.pool.run(func() { d.drain(chat) })
	}
	d.mu.Unlock()
}

// drain runs one chat's jobs until its queue is empty, then forgets the chat.
func (d *dispatcher) drain(chat string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[chat]
		if len(q) == 0 {
			delete(d.queues, chat)
			d.mu.Unlock()
			return
		}
		job := q[0]
		q[0] = nil
		d.queues[chat] = q[1:]
		d.mu.Unlock()
		s := &slot{sem: d.sem}
		s.acquire(d.ctx)
		job(context.WithValue(d.ctx, slotKey{}, s))
		s.release()
	}
}

// wait blocks until every queued job has finished or timeout passes; it reports which.
func (d *dispatcher) wait(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// slot is one worker's claim on the bounded pool; only its own goroutine touches it.
type slot struct {
	sem  chan struct{}
	held bool
}

// slotKey finds the running job's slot in its context.
type slotKey struct{}

// acquire takes a worker slot, or gives up when ctx ends (the job then runs to cancel fast).
func (s *slot) acquire(ctx context.Context) {
	select {
	case s.sem <- struct{}{}:
		s.held = true
	case <-ctx.Done():
	}
}

// release gives the slot back if held.
func (s *slot) release() {
	if s.held {
		<-s.sem
		s.held = false
	}
}

// pause sleeps d, or until ctx ends, handing the worker slot to other chats meanwhile,
// so a chat waiting out a 429 or a backoff never stalls the others.
func pause(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	if s, ok := ctx.Value(slotKey{}).(*slot); ok && s.held {
		s.release()
		defer s.acquire(ctx)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// aside runs job outside the chat queues and the worker bound (short calls such as
// answering a button press), still waited for at shutdown.
func (d *dispatcher) aside(job func(context.Context)) {
	d.wg.Add(1)
	d.pool.run(func() {
		defer d.wg.Done()
		job(d.ctx)
	})
}
