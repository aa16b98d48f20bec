package bot

import (
	"runtime"
	"sync"
	"testing"
	"time"
	"unsafe"
)

func TestGopoolRunsEveryFunctionAndReusesGoroutines(t *testing.T) {
	stop := make(chan struct{})
	p := newGopool(2, stop)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ran := 0
	for range 50 {
		eventually(t, "an idle goroutine", func() bool { return p.spawned.Load() == 0 || p.idle.Load() > 0 })
		wg.Add(1)
		p.run(func() {
			defer wg.Done()
			mu.Lock()
			ran++
			mu.Unlock()
		})
		wg.Wait()
	}
	if ran != 50 {
		t.Fatalf("ran %d functions, want 50", ran)
	}
	// One at a time, each run finds the previous goroutine idle, except when it has counted
	// itself idle and not yet started waiting (a window of a few instructions).
	if n := p.spawned.Load(); n > 10 {
		t.Errorf("%d goroutines started for 50 sequential functions: not reused", n)
	}
	close(stop)
	eventually(t, "idle goroutines gone after stop", func() bool { return p.idle.Load() == 0 })
}

func TestGopoolKeepsAtMostMaxIdle(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	p := newGopool(3, stop)
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		p.run(func() { defer wg.Done(); <-release })
	}
	close(release)
	wg.Wait()
	eventually(t, "three idle goroutines", func() bool { return p.idle.Load() == 3 })
	for range 1000 {
		if n := p.idle.Load(); n > 3 {
			t.Fatalf("%d idle goroutines, want at most 3", n)
		}
		runtime.Gosched()
	}
}

// TestGopoolKeepsGrownStacksOfIdleGoroutines: after an update grew a goroutine's stack, the
// garbage collector does not shrink it while the goroutine waits (the next update would grow
// it again, copying it); a stack that moved shows as a local variable that moved.
func TestGopoolKeepsGrownStacksOfIdleGoroutines(t *testing.T) {
	for attempt := 1; ; attempt++ {
		before, after, spawned := idleStackAcrossGC(t)
		if spawned != 1 && attempt < 3 {
			continue // the goroutine was not yet waiting when a function came: try again
		}
		if spawned != 1 {
			t.Fatalf("%d goroutines started, want the one reused", spawned)
		}
		if before != after {
			t.Errorf("the idle goroutine's stack moved (%#x -> %#x): the GC shrank it", before, after)
		}
		return
	}
}

// idleStackAcrossGC grows a pool goroutine's stack, then reports where a probe's frame was
// before and after two collections, and how many goroutines the pool started.
func idleStackAcrossGC(t *testing.T) (before, after uintptr, spawned int64) {
	stop := make(chan struct{})
	defer close(stop)
	p := newGopool(1, stop)
	where := make(chan uintptr)
	probe := func() { where <- frameAddr() }
	runIdle := func(f func()) {
		eventually(t, "the goroutine idle", func() bool { return p.spawned.Load() == 0 || p.idle.Load() == 1 })
		time.Sleep(5 * time.Millisecond) // counted idle, now waiting in next
		p.run(f)
	}
	grown := make(chan byte)
	runIdle(func() { grown <- growStack(12 << 10) })
	<-grown
	runIdle(probe)
	before = <-where
	runtime.GC()
	runtime.GC()
	runIdle(probe)
	after = <-where
	return before, after, p.spawned.Load()
}

// frameAddr is the address of a local variable in its own frame.
//
//go:noinline
func frameAddr() uintptr {
	var x byte
	return uintptr(unsafe.Pointer(&x))
}

// growStack uses about n bytes of stack.
//
//go:noinline
func growStack(n int) byte {
	var buf [512]byte
	if n <= len(buf) {
		return buf[0]
	}
	return growStack(n-len(buf)) + buf[1]
}
