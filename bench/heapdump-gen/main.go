// Command heapdumpgen writes a large heap dump for bench/heapdump-roots.sh: about
// 20 million small objects in the shapes a service holds (a global slice of records
// each with a payload, a map, a linked list, a binary tree held by goroutines), with
// runtime.MemProfileRate = 1 so every object has an allocation site.
//
//	heapdumpgen -out FILE [-objects N]
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

type record struct {
	id      int
	payload []byte
}

type node struct {
	next  *node
	value int
}

type tree struct {
	left, right *tree
	value       int
}

var (
	records []*record
	index   map[int]*record
	list    *node
)

// build makes a complete binary tree of the given depth from one allocation
// site: a recursive build would give every node its own stack (left and right
// calls differ), and with MemProfileRate = 1 a million memprof buckets.
func build(depth int) *tree {
	level := []*tree{}
	for i := 0; i < 1<<(depth-1); i++ {
		level = append(level, &tree{value: 1})
	}
	for d := 2; d <= depth; d++ {
		next := level[:0:0]
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, &tree{left: level[i], right: level[i+1], value: d})
		}
		level = next
	}
	return level[0]
}

// holdTree keeps a tree on its stack until done is closed.
func holdTree(depth int, ready chan<- struct{}, done <-chan struct{}) {
	t := build(depth)
	ready <- struct{}{}
	<-done
	runtime.KeepAlive(t)
}

func main() {
	out := flag.String("out", "big.heapdump", "the dump to write")
	objects := flag.Int("objects", 20_000_000, "about how many objects to make")
	flag.Parse()
	runtime.MemProfileRate = 1

	n := *objects
	// records and payloads: 2 objects per record, half of the heap's objects.
	for i := 0; i < n/4; i++ {
		records = append(records, &record{id: i, payload: make([]byte, 16)})
	}
	// an index over a tenth of the records: the map's buckets point into the records.
	index = make(map[int]*record)
	for i := 0; i < n/40; i++ {
		index[i] = records[i*10]
	}
	// a linked list: a quarter of the objects, a path 5 million deep.
	for i := 0; i < n/4; i++ {
		list = &node{next: list, value: i}
	}
	// four goroutines, each holding a binary tree on its stack: the rest.
	depth := 1
	for (1<<depth)*4 < n/5 {
		depth++
	}
	ready := make(chan struct{})
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go holdTree(depth, ready, done)
	}
	for g := 0; g < 4; g++ {
		<-ready
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	debug.WriteHeapDump(f.Fd())
	took := time.Since(start)
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	info, _ := f.Stat()
	f.Close()
	fmt.Printf("wrote %s: %d bytes, %d heap objects, HeapAlloc %d, in %s (the world stopped)\n", *out, info.Size(), stats.HeapObjects, stats.HeapAlloc, took.Round(time.Millisecond))
	close(done)
	runtime.KeepAlive(records)
}
