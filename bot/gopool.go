package bot

import "sync/atomic"

// gopool runs functions on reused goroutines: a goroutine that handled an update has grown
// its stack through the HTTP, Redis and JSON calls, and a fresh one per chat or per button
// answer would grow it again (about 4 % of the bot's CPU in a 2,000-user run). At most
// maxIdle goroutines wait for work; the rest exit, and all exit once stop closes. Idle
// goroutines wait in a padded frame (next), so the GC does not shrink their stacks.
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
		if f = p.next(); f == nil {
			return
		}
	}
}

// idleFrame is the stack an idle goroutine keeps in use while it waits. The GC halves a
// goroutine's stack when less than a quarter is in use, and an update's HTTP, Redis and
// engine calls then grow it back, copying it each time (2 % of the bot's CPU under load).
// With this much in use, a stack of up to 16 KiB is kept between updates.
const idleFrame = 4 << 10

// next waits for work in a frame of idleFrame bytes and returns nil at stop.
//
//go:noinline
func (p *gopool) next() func() {
	var pad [idleFrame]byte
	var f func()
	select {
	case f = <-p.work:
	case <-p.stop:
	}
	p.idle.Add(-1)
	keep(&pad)
	return f
}

// keep makes the compiler keep next's frame: the pad is passed on, not dropped.
//
//go:noinline
func keep(*[idleFrame]byte) {}
