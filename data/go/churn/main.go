// Command churn allocates a lot and keeps almost nothing: the counterpart of
// leaky that a healthy program looks like. Its live heap is a fixed ring of
// recent results, so gctrace shows the same live size after every cycle and
// MemStats' HeapAlloc saws between the same low and high marks for the whole
// run, while TotalAlloc and NumGC climb steadily.
package main

import (
	"context"
	"flag"
	"log"
	"runtime"
	"sync"
	"time"
)

func main() {
	var (
		duration      = flag.Duration("duration", 20*time.Second, "how long to run")
		profileDir    = flag.String("profile-dir", "", "directory for heap-N.pb.gz (empty: none)")
		profileEvery  = flag.Duration("profile-every", 5*time.Second, "interval between numbered heap profiles")
		memstatsPath  = flag.String("memstats", "", "file for MemStats JSON lines (empty: none)")
		memstatsEvery = flag.Duration("memstats-every", time.Second, "interval between MemStats lines")
		jobsPerSecond = flag.Int("jobs", 4000, "jobs per second")
		memRate       = flag.Int("mem-profile-rate", 128<<10, "runtime.MemProfileRate")
	)
	flag.Parse()
	runtime.MemProfileRate = *memRate

	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var wg sync.WaitGroup
	if *memstatsPath != "" {
		stats, err := createMemStatsLog(*memstatsPath)
		if err != nil {
			log.Fatal(err)
		}
		defer stats.close()
		every(ctx, &wg, *memstatsEvery, stats.snapshot)
	}
	if *profileDir != "" {
		heaps := &heapProfiles{dir: *profileDir}
		every(ctx, &wg, *profileEvery, heaps.writeNext)
	}

	var kept results
	kept.fill()
	// A fixed batch every tick keeps the allocation rate, and so the GC
	// rhythm, constant.
	const batch = 20
	tick := time.NewTicker(time.Second * batch / time.Duration(*jobsPerSecond))
	defer tick.Stop()
	for id := 0; ; {
		select {
		case <-ctx.Done():
			wg.Wait()
			log.Printf("ran %d jobs", id)
			return
		case <-tick.C:
			for i := 0; i < batch; i++ {
				kept.keep(runJob(id))
				id++
			}
		}
	}
}

// every calls fn every d until ctx is done.
func every(ctx context.Context, wg *sync.WaitGroup, d time.Duration, fn func() error) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := fn(); err != nil {
					log.Fatal(err)
				}
			}
		}
	}()
}
