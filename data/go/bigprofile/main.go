// Command bigprofile writes a heap profile with over a million samples, the
// benchmark input for profile parsers. It samples every allocation
// (MemProfileRate=1) and allocates once at the end of each of -n distinct
// generated call paths (see package paths), so the profile has about -n
// samples over about 2,300 locations, with an average stack depth of about 16.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"

	"example.com/bigprofile/paths"
)

func main() {
	var (
		n   = flag.Int("n", 1_300_000, "allocations, each on its own call path")
		out = flag.String("o", "big-heap.pb.gz", "heap profile to write")
	)
	flag.Parse()
	runtime.MemProfileRate = 1

	for i := 0; i < *n; i++ {
		paths.Walk(mix(uint64(i)))
	}
	// Heap profiles publish what was allocated up to the last completed GC.
	runtime.GC()
	records, _ := runtime.MemProfile(nil, true)

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: about %d stack records\n", *out, records)
}

// mix is the SplitMix64 finaliser: it spreads consecutive counters over all
// 64 bits, so every level's digit varies and paths do not share long prefixes.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
