package bot

import (
	"sync"
	"time"
)

// chatQueues runs each chat's jobs strictly in arrival order, never two at once, on a
// bounded set of long-lived workers: a worker takes a chat that has work and runs its jobs
// until the chat's queue is empty. Workers are reused because a fresh goroutine per chat
// grew its stack again through the HTTP, JSON and Redis calls of every update; the most
// recently idle worker is woken first, so a few warm ones do the work. A chat waiting on
// Telegram (a 429, its pacing) holds one worker and delays only itself while workers
// remain, and there are more than the updates the bot keeps in flight. Shutdown waits for
// every queued job.
type chatQueues struct {
	mu      sync.Mutex
	queues  map[string][]func() // chats queued or running -> their jobs not yet started
	ready   []func()            // runs waiting for a worker: a chat's drain, or a job aside
	idle    []chan func()       // idle workers' inboxes, the most recently idle last
	workers int
	max     int
	stopped bool
	jobs    sync.WaitGroup // jobs queued and not finished
}

// newChatQueues returns empty queues served by at most maxWorkers workers.
func newChatQueues(maxWorkers int) *chatQueues {
	return &chatQueues{queues: map[string][]func(){}, max: max(maxWorkers, 1)}
}

// add queues job behind the chat's earlier jobs, handing the chat to a worker if idle.
func (q *chatQueues) add(chat string, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs.Add(1)
	pending, busy := q.queues[chat]
	q.queues[chat] = append(pending, job)
	if !busy {
		q.dispatch(func() { q.drain(chat) })
	}
}

// aside runs job outside the chat queues (short calls such as answering a button press),
// still waited for at shutdown.
func (q *chatQueues) aside(job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs.Add(1)
	q.dispatch(func() {
		defer q.jobs.Done()
		job()
	})
}

// dispatch hands run to the most recently idle worker, to a new one while under the bound,
// or else to the ready list; q.mu is held.
func (q *chatQueues) dispatch(run func()) {
	switch {
	case len(q.idle) > 0:
		inbox := q.idle[len(q.idle)-1]
		q.idle = q.idle[:len(q.idle)-1]
		inbox <- run // buffered: an idle worker's inbox is empty
	case q.workers < q.max:
		q.workers++
		go q.work(run)
	default:
		q.ready = append(q.ready, run)
	}
}

// work is one worker: it runs run, then what is ready, then waits for more until stop.
func (q *chatQueues) work(run func()) {
	inbox := make(chan func(), 1)
	for run != nil {
		run()
		run = q.next(inbox)
	}
}

// next is the worker's next run: the oldest ready one, else one handed to it while idle;
// nil once the queues are stopped.
func (q *chatQueues) next(inbox chan func()) func() {
	q.mu.Lock()
	if len(q.ready) > 0 {
		run := q.ready[0]
		q.ready[0] = nil
		q.ready = q.ready[1:]
		q.mu.Unlock()
		return run
	}
	if q.stopped {
		q.workers--
		q.mu.Unlock()
		return nil
	}
	q.idle = append(q.idle, inbox)
	q.mu.Unlock()
	return <-inbox // nil when stop closed it
}

// queued is how many of chat's jobs wait behind the running one.
func (q *chatQueues) queued(chat string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queues[chat])
}

// drain runs one chat's jobs until its queue is empty, then forgets the chat.
func (q *chatQueues) drain(chat string) {
	for {
		q.mu.Lock()
		pending := q.queues[chat]
		if len(pending) == 0 {
			delete(q.queues, chat)
			q.mu.Unlock()
			return
		}
		job := pending[0]
		pending[0] = nil
		q.queues[chat] = pending[1:]
		q.mu.Unlock()
		job()
		q.jobs.Done()
	}
}

// stop ends the idle workers, and the busy ones when they run out of work; jobs queued
// later still run, each on a worker that then ends.
func (q *chatQueues) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.stopped = true
	for _, inbox := range q.idle {
		close(inbox)
	}
	q.workers -= len(q.idle)
	q.idle = nil
}

// wait blocks until every queued job has finished or timeout passes; it reports which.
func (q *chatQueues) wait(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() { q.jobs.Wait(); close(done) }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
