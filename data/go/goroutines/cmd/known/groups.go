package main

import (
	"net"
	"runtime"
	"sync"
	"time"
)

// Each function below blocks for good in one known state, so that a dump
// taken afterwards shows exactly the goroutines main started, in the states
// it expects. The states are Go 1.19's words (newer Go prints
// "sync.Mutex.Lock" and "sync.WaitGroup.Wait" where 1.19 prints "semacquire").

func recvForever(ch chan int) { <-ch }

func sendForever(ch chan int) { ch <- 1 }

func selectForever(a, b chan int) {
	select {
	case <-a:
	case b <- 1:
	}
}

func sleepLong() { time.Sleep(24 * time.Hour) }

func lockForever(mu *sync.Mutex) { mu.Lock() }

func waitCond(c *sync.Cond) {
	c.L.Lock()
	c.Wait()
}

func waitGroup(wg *sync.WaitGroup) { wg.Wait() }

func acceptForever(ln net.Listener) { ln.Accept() }

func recvNil() {
	var ch chan int
	<-ch
}

func selectNothing() { select {} }

func lockedReceiver(ch chan int) {
	runtime.LockOSThread()
	<-ch
}

// spawner starts two children of its own, then waits like them.
func spawner(ch chan int) {
	for i := 0; i < 2; i++ {
		go childReceiver(ch) // site: child
	}
	<-ch
}

func childReceiver(ch chan int) { <-ch }

// deep recurses past every limit a dump has on frames (Go 1.19: 32 in
// protobuf and debug=1, 100 in debug=2 and tracebacks) before it blocks.
func deep(n int, ch chan int) {
	if n == 0 {
		<-ch
		return
	}
	deep(n-1, ch)
}
