// Command phases writes goroutine dumps at several moments while three groups
// of goroutines change in known ways, for testing growth verdicts:
//
//   - main.leakWorker: 25 more at every snapshot, never released (growing);
//   - main.steadyWorker: always 15, all replaced by new ones between snapshots (steady);
//   - main.drainWorker: 150 at first, 25 fewer at every snapshot (shrinking).
//
// At snapshot N (1-based) it writes phases-N.pb.gz, phases-N-debug1.txt and
// phases-N-debug2.txt, and at the end phases-expected.json with the counts
// per group and snapshot and each dump's time.
//
//	phases -out DIR [-snapshots 6] [-every 1s]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"example.com/goroutines/internal/dumps"
)

const (
	leakStep   = 25
	steadySize = 15
	drainStart = 150
	drainStep  = 25
)

func leakWorker(never chan struct{}) { <-never }

func steadyWorker(stop chan struct{}) { <-stop }

func drainWorker(release chan struct{}) { <-release }

type snapshot struct {
	Prefix    string         `json:"prefix"`
	UnixNanos int64          `json:"unix_nanos"`
	Counts    map[string]int `json:"counts"`
	Total     int            `json:"num_goroutine"`
}

func main() {
	out := flag.String("out", ".", "directory for the dumps")
	snapshots := flag.Int("snapshots", 6, "how many snapshots")
	every := flag.Duration("every", time.Second, "time between snapshots")
	flag.Parse()

	never := make(chan struct{})
	release := make(chan struct{})
	for i := 0; i < drainStart; i++ {
		go drainWorker(release)
	}
	stop := make(chan struct{})
	var taken []snapshot
	for n := 1; n <= *snapshots; n++ {
		if n > 1 {
			time.Sleep(*every)
			for i := 0; i < drainStep; i++ {
				release <- struct{}{}
			}
			close(stop) // the old steady workers leave, new ones take their place
			stop = make(chan struct{})
		}
		for i := 0; i < steadySize; i++ {
			go steadyWorker(stop)
		}
		for i := 0; i < leakStep; i++ {
			go leakWorker(never)
		}
		counts := map[string]int{
			"main.leakWorker":   leakStep * n,
			"main.steadyWorker": steadySize,
			"main.drainWorker":  drainStart - drainStep*(n-1),
			"main.main":         1,
		}
		want := 0
		for _, c := range counts {
			want += c
		}
		for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() != want; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				log.Fatalf("snapshot %d: %d goroutines, expected %d", n, runtime.NumGoroutine(), want)
			}
		}
		time.Sleep(50 * time.Millisecond)
		prefix := fmt.Sprintf("phases-%d", n)
		at := time.Now()
		if _, err := dumps.WriteAll(*out, prefix); err != nil {
			log.Fatal(err)
		}
		taken = append(taken, snapshot{Prefix: prefix, UnixNanos: at.UnixNano(), Counts: counts, Total: runtime.NumGoroutine()})
	}
	data, err := json.MarshalIndent(taken, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "phases-expected.json"), append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
