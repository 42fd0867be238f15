package main

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// The retention guard: serve requests in rounds, collect garbage after each
// round, and fail when the heap that survives the collection, or the number
// of goroutines, keeps growing. An escape-analysis diff (chapter 4) guards
// allocations; it cannot see a cache that never evicts or a goroutine that
// never returns. This guard can, because it measures what stays reachable.
//
// retention_test.go (build tag retention) applies it to the service; the
// tests in this file check the guard itself against the real runtime.

// sample is what the runtime holds after one round.
type sample struct {
	liveHeap   uint64 // HeapAlloc right after runtime.GC(): reachable objects
	goroutines int
}

// measure runs rounds × perRound calls of serve (ids from 1), settling and
// collecting after each round.
func measure(serve func(id uint64), rounds, perRound int, settle time.Duration) []sample {
	var samples []sample
	id := uint64(1)
	for r := 0; r < rounds; r++ {
		for i := 0; i < perRound; i++ {
			serve(id)
			id++
		}
		time.Sleep(settle) // let work started by the round (timers, goroutines) finish or block
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		samples = append(samples, sample{m.HeapAlloc, runtime.NumGoroutine()})
	}
	return samples
}

// keepsGrowing reports whether values, after the first (warm-up) round, rise
// in at least three quarters of the steps and by more than minGrowth in all.
// A bounded cache filling up rises early and then stays level; a leak rises
// in every round.
func keepsGrowing(values []float64, minGrowth float64) bool {
	if len(values) < 4 {
		return false
	}
	steady := values[1:]
	rises := 0
	for i := 1; i < len(steady); i++ {
		if steady[i] > steady[i-1] {
			rises++
		}
	}
	return steady[len(steady)-1]-steady[0] > minGrowth && 4*rises >= 3*(len(steady)-1)
}

// retentionProblems applies the rule to heap (more than 1 MiB of growth) and
// goroutines (more than 2), one line per problem.
func retentionProblems(samples []sample) []string {
	heap := make([]float64, len(samples))
	goroutines := make([]float64, len(samples))
	for i, s := range samples {
		heap[i], goroutines[i] = float64(s.liveHeap), float64(s.goroutines)
	}
	var problems []string
	if keepsGrowing(heap, 1<<20) {
		problems = append(problems, fmt.Sprintf("the heap that survives a GC keeps growing: %s", mib(heap)))
	}
	if keepsGrowing(goroutines, 2) {
		problems = append(problems, fmt.Sprintf("the goroutine count keeps growing: %v", goroutines))
	}
	return problems
}

func mib(values []float64) string {
	s := ""
	for i, v := range values {
		if i > 0 {
			s += " -> "
		}
		s += fmt.Sprintf("%.1f MiB", v/(1<<20))
	}
	return s
}

func TestGuardPassesOnGarbage(t *testing.T) {
	// The request path without the cache, the registry or the audit: decode,
	// summarise, encode. It allocates a lot and keeps nothing.
	serve := func(id uint64) {
		req, err := decodeRequest(newRequest(id))
		if err != nil {
			t.Fatal(err)
		}
		_, head := summariseNote(req.Note)
		if _, err := encodeResponse(&response{ID: req.ID, Lines: head}); err != nil {
			t.Fatal(err)
		}
	}
	samples := measure(serve, 6, 2000, 10*time.Millisecond)
	if problems := retentionProblems(samples); len(problems) > 0 {
		t.Fatalf("garbage-only serving flagged: %v (samples %v)", problems, samples)
	}
}

var kept [][]byte

func TestGuardCatchesAGrowingSliceAndBlockedGoroutines(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	serve := func(id uint64) {
		kept = append(kept, make([]byte, 1024))
		if id%200 == 0 {
			go func() { <-stop }()
		}
	}
	samples := measure(serve, 6, 2000, 10*time.Millisecond)
	problems := retentionProblems(samples)
	if len(problems) != 2 {
		t.Fatalf("expected a heap and a goroutine problem, got %v (samples %v)", problems, samples)
	}
	kept = nil
}
