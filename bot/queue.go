package bot

import (
	"sync"
	"time"
)

// chatQueues runs each chat's jobs strictly in arrival order, never two at once, on one
// goroutine per chat that has work; a chat waiting on Telegram (a 429, its pacing) delays
// only itself. Shutdown waits for every queued job.
type chatQueues struct {
	mu     sync.Mutex
	queues map[string][]func()
	wg     sync.WaitGroup
}

// newChatQueues returns empty queues.
func newChatQueues() *chatQueues { return &chatQueues{queues: map[string][]func(){}} }

// add queues job behind the chat's earlier jobs, starting the chat's goroutine if idle.
func (q *chatQueues) add(chat string, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	pending, busy := q.queues[chat]
	q.queues[chat] = append(pending, job)
	if !busy {
		q.wg.Add(1)
		go q.drain(chat)
	}
}

// aside runs job outside the chat queues (short calls such as answering a button press),
// still waited for at shutdown.
func (q *chatQueues) aside(job func()) {
	q.wg.Add(1)
	go func() {
		defer q.wg.Done()
		job()
	}()
}

// drain runs one chat's jobs until its queue is empty, then forgets the chat.
func (q *chatQueues) drain(chat string) {
	defer q.wg.Done()
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
	}
}

// wait blocks until every queued job has finished or timeout passes; it reports which.
func (q *chatQueues) wait(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
