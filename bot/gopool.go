package bot

import "sync/atomic"

// gopool runs functions on reused goroutines: a goroutine that handled an update has grown
// its stack through the HTTP, Redis and JSON calls, and a fresh one per chat or per button
// answer would grow it again (about 4 % of the bot's CPU in a 2,000-user run). At most
// maxIdle goroutines wait for work; the rest exit, and all exit once stop closes.
type gopool struct {
	work    chan func()
	idle    atomic.Int32
	spawned atomic.Int64 // goroutines started, for tests
	maxIdle int32
	stop    <-chan struct{}
}

// newGopool returns a pool keeping up to maxIdle goroutines until stop closes.
func newGopool(maxIdle int, stop <-chan struct{}) *gopool {
	return &gopool{work: make(chan func()), maxIdle: int32(maxIdle), stop: stop}
}

// run starts f on an idle goroutine, or on a new one when none is waiting.
func (p *gopool) run(f func()) {
	select {
	case p.work <- f:
	default:
		p.spawned.Add(1)
		go p.loop(f)
	}
}

// loop runs f, then waits for more work while the pool is not over its idle bound.
func (p *gopool) loop(f func()) {
	for {
		f()
		if p.idle.Add(1) > p.maxIdle {
			p.idle.Add(-1)
			return
		}
		select {
		case f = <-p.work:
			p.idle.Add(-1)
		case <-p.stop:
			p.idle.Add(-1)
			return
		}
	}
}
