// Command retention builds heap shapes whose retention is known, writes a heap dump
// (runtime/debug.WriteHeapDump), and then measures with the runtime itself what each
// root keeps alive: drop the root, runtime.GC(), read HeapAlloc; the drop is that
// root's retained size. GoMemLab's tests compare its analysis of the dump with these
// measurements (tests/GoMemLab.Tests/HeapDumps).
//
//	retention -out DIR [-rate N]
//
// writes DIR/heap.dump and DIR/measured.json. -rate sets runtime.MemProfileRate
// (0 keeps Go's default, 512 KiB). Run it with GOMAXPROCS=1: with a second P, the
// runtime's background work allocates between a GC and the MemStats read now and then
// (measured here: 8 to 1,864 bytes off in one run of three).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Session is what the global registry keeps; each holds a private payload.
type Session struct {
	ID      int
	Payload []byte
}

// Node is a link of a chain.
type Node struct {
	Next    *Node
	Payload []byte
}

var (
	// sessions is a global slice: its root is the word main.sessions.
	sessions []*Session

	// cache is a global struct: its map pointer sits at main.cache+0x8, behind the mutex.
	cache struct {
		mu sync.Mutex
		m  map[int][]byte
	}

	// static is initialised with a constant composite literal, so the compiler allocates
	// the Node itself in the data segment, not on the heap: setting static = nil frees
	// nothing, because the Node (a root of its own) still points at the payload.
	static = &Node{}

	// chainHead holds a linked list: a deep path, and a dominator chain.
	chainHead *Node

	// shared and shared2 both point at one chain: neither retains it alone.
	shared, shared2 *Node

	// secret is what a heap dump must not leak when shared: redaction zeroes it.
	secret string

	// one is a Session allocated after the measurements, to weigh one with the runtime.
	one *Session

	// dumpFile stays reachable until the measurements are done, so closing it frees nothing.
	dumpFile *os.File

	// garbage is filled and dropped before the dump: objects no GC has freed yet.
	garbage [][]byte

	// release and outbox stay reachable from here, so a goroutine's exit frees only what it alone held.
	release chan struct{}
	outbox  chan []byte

	stats runtime.MemStats
)

const (
	sessionCount = 200
	sessionBytes = 1000
	cacheEntries = 300
	cacheBytes   = 2000
	staticBytes  = 50000
	chainLength  = 1000
	chainBytes   = 64
	sharedLength = 10
	sharedBytes  = 4096
	stackBuffer  = 256 << 10
	sendBuffer   = 96 << 10
	garbageCount = 500
	garbageBytes = 3000
)

// send is blocked sending its buffer on an unbuffered channel no one reads yet:
// the value sits in an address-taken stack slot, the leaked-goroutine shape.
func send(out chan<- []byte, n int) {
	buf := make([]byte, n)
	out <- buf
}

// hold keeps a buffer alive on its stack until release is closed.
func hold(release <-chan struct{}, n int) {
	buf := make([]byte, n)
	buf[0] = 1
	<-release
	runtime.KeepAlive(buf)
}

func heapAllocAfterGC() uint64 {
	runtime.GC()
	runtime.ReadMemStats(&stats)
	return stats.HeapAlloc
}

func main() {
	out := flag.String("out", ".", "directory for heap.dump and measured.json")
	rate := flag.Int("rate", 0, "runtime.MemProfileRate (0: Go's default)")
	flag.Parse()
	if *rate > 0 {
		runtime.MemProfileRate = *rate
	}

	for i := 0; i < sessionCount; i++ {
		sessions = append(sessions, &Session{ID: i, Payload: make([]byte, sessionBytes)})
	}
	cache.m = make(map[int][]byte)
	for i := 0; i < cacheEntries; i++ {
		cache.m[i] = make([]byte, cacheBytes)
	}
	static.Payload = make([]byte, staticBytes)
	secret = strings.Repeat("hunter2-", 8)
	for i := 0; i < chainLength; i++ {
		chainHead = &Node{Next: chainHead, Payload: make([]byte, chainBytes)}
	}
	for i := 0; i < sharedLength; i++ {
		shared = &Node{Next: shared, Payload: make([]byte, sharedBytes)}
	}
	shared2 = shared
	release = make(chan struct{})
	go hold(release, stackBuffer)
	outbox = make(chan []byte)
	go send(outbox, sendBuffer)
	for runtime.NumGoroutine() < 3 {
		runtime.Gosched()
	}
	time.Sleep(10 * time.Millisecond) // let hold allocate and block

	var err error
	dumpFile, err = os.Create(filepath.Join(*out, "heap.dump"))
	check(err)
	heapAllocAfterGC()
	for i := 0; i < garbageCount; i++ {
		garbage = append(garbage, make([]byte, garbageBytes))
	}
	garbage = nil

	debug.WriteHeapDump(dumpFile.Fd())

	// No allocation from here to the last measurement: every HeapAlloc change is a drop.
	var measured [11]uint64
	measured[0] = heapAllocAfterGC()

	sessions = nil
	measured[1] = heapAllocAfterGC()
	cache.m = nil
	measured[2] = heapAllocAfterGC()
	node := static
	static = nil
	measured[3] = heapAllocAfterGC()
	node.Payload = nil
	measured[4] = heapAllocAfterGC()
	chainHead = nil
	measured[5] = heapAllocAfterGC()
	close(release)
	// Spin rather than block on a channel: parking main would allocate a sudog.
	for runtime.NumGoroutine() > 2 {
		runtime.Gosched()
	}
	measured[6] = heapAllocAfterGC()
	shared = nil
	measured[7] = heapAllocAfterGC()
	shared2 = nil
	measured[8] = heapAllocAfterGC()
	received(<-outbox) // the sender exits; what it sent dies with this call
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	measured[10] = heapAllocAfterGC()

	// The runtime's size of one Session and one payload (its size class), for checking site totals.
	measured[9] = heapAllocAfterGC()
	one = &Session{Payload: make([]byte, sessionBytes)}
	oneSession := heapAllocAfterGC() - measured[9]
	one.Payload = nil
	payloadSize := oneSession - (heapAllocAfterGC() - measured[9])

	m := map[string]uint64{}
	m["size_of_session"] = oneSession - payloadSize
	m["size_of_session_payload"] = payloadSize
	m["heap_alloc_after_dump_gc"] = measured[0]
	m["drop_main.sessions"] = measured[0] - measured[1]
	m["drop_main.cache+0x8"] = measured[1] - measured[2]
	m["drop_main.static"] = measured[2] - measured[3]
	m["drop_static_node_payload"] = measured[3] - measured[4]
	m["drop_main.chainHead"] = measured[4] - measured[5]
	m["drop_goroutine_main.hold"] = measured[5] - measured[6]
	m["drop_main.shared"] = measured[6] - measured[7]
	m["drop_main.shared2_after_shared"] = measured[7] - measured[8]
	m["drop_goroutine_main.send"] = measured[8] - measured[10]
	m["static_node_address"] = uint64(addressOf(node))
	check(dumpFile.Close())
	b, err := json.MarshalIndent(m, "", "  ")
	check(err)
	check(os.WriteFile(filepath.Join(*out, "measured.json"), b, 0o644))
	fmt.Println("wrote", filepath.Join(*out, "heap.dump"))
}

//go:noinline
func received(b []byte) { runtime.KeepAlive(b) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
