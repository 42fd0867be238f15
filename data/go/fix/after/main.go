// Command fix drives fingerprint.Fingerprint over a fixed batch of records
// many times, so that its per-call allocations (or their absence) dominate a
// heap profile's alloc_space.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"

	"example.com/fix/fingerprint"
)

func main() {
	var (
		rounds      = flag.Int("rounds", 2000, "passes over the record batch")
		heapProfile = flag.String("heap-profile", "", "write a heap profile here at exit (empty: none)")
		memRate     = flag.Int("mem-profile-rate", 4096, "runtime.MemProfileRate")
	)
	flag.Parse()
	runtime.MemProfileRate = *memRate

	records := makeRecords(1000)
	dups := 0
	for i := 0; i < *rounds; i++ {
		dups += fingerprint.CountDuplicates(records)
	}
	fmt.Printf("%d rounds over %d records, %d duplicates\n", *rounds, len(records), dups)

	if *heapProfile != "" {
		f, err := os.Create(*heapProfile)
		if err != nil {
			log.Fatal(err)
		}
		// The profile publishes allocations as of the last completed GC.
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

// makeRecords builds n records where every tenth repeats an earlier one.
func makeRecords(n int) []fingerprint.Record {
	records := make([]fingerprint.Record, n)
	for i := range records {
		id := i
		if i%10 == 9 {
			id = i - 9
		}
		records[i] = fingerprint.Record{ID: id + 1, Name: "item-" + strconv.Itoa(id*7919%10007), Qty: 1 + id%5}
	}
	return records
}
