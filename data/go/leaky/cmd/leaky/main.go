// Command leaky is a small "service" with a slow memory leak hidden under a
// lot of short-lived garbage, built to be profiled.
//
// Load is generated in-process at a fixed request rate. Per request it
// decodes JSON, splits and rebuilds strings and encodes a response (garbage),
// and it keeps the response in a cache that never evicts, opens a session in
// a registry that never forgets, and now and then leaks a goroutine holding a
// buffer (the leak). alloc_space is dominated by the former, inuse_space by
// the latter.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"example.com/leaky/internal/telemetry"
)

func main() {
	var (
		duration      = flag.Duration("duration", 30*time.Second, "how long to run")
		addr          = flag.String("addr", "127.0.0.1:0", "loopback address for /debug/pprof and /debug/vars (empty: off)")
		profileDir    = flag.String("profile-dir", "", "directory for heap-N.pb.gz, cpu.pb.gz, goroutine.pb.gz and heap-debug1.txt (empty: none)")
		profileEvery  = flag.Duration("profile-every", 7*time.Second, "interval between numbered heap profiles")
		cpuFor        = flag.Duration("cpu-profile-for", 5*time.Second, "length of the CPU profile taken at start (0: none)")
		memstatsPath  = flag.String("memstats", "", "file for MemStats JSON lines (empty: none)")
		memstatsEvery = flag.Duration("memstats-every", time.Second, "interval between MemStats lines")
		rate          = flag.Int("rps", 3000, "requests per second")
		memRate       = flag.Int("mem-profile-rate", 128<<10, "runtime.MemProfileRate: average bytes allocated per heap profile sample")
		linger        = flag.Duration("linger", 0, "after the load stops, keep serving the debug endpoints this long before exiting")
	)
	flag.Parse()
	// Must be set before the allocations it should sample, so first thing.
	runtime.MemProfileRate = *memRate

	if *addr != "" {
		if err := serveDebug(*addr); err != nil {
			log.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()

	var wg sync.WaitGroup
	if *memstatsPath != "" {
		stats, err := telemetry.CreateMemStatsLog(*memstatsPath)
		if err != nil {
			log.Fatal(err)
		}
		defer stats.Close()
		every(ctx, &wg, *memstatsEvery, stats.Snapshot)
	}
	if *profileDir != "" {
		heaps := &telemetry.HeapProfiles{Dir: *profileDir}
		every(ctx, &wg, *profileEvery, func() error {
			path, err := heaps.WriteNext()
			fmt.Fprintln(os.Stderr, "wrote", filepath.Base(path))
			return err
		})
		if *cpuFor > 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				check(telemetry.ProfileCPU(filepath.Join(*profileDir, "cpu.pb.gz"), *cpuFor))
			}()
		}
	}

	svc := newService()
	handled := generateLoad(ctx, svc, *rate)
	wg.Wait()

	if *profileDir != "" {
		// Taken after the load stops: the leaked goroutines are still parked.
		check(telemetry.WriteGoroutineProfile(filepath.Join(*profileDir, "goroutine.pb.gz")))
		check(telemetry.WriteHeapText(filepath.Join(*profileDir, "heap-debug1.txt")))
	}
	fmt.Printf("handled %d requests, %d goroutines left\n", handled, runtime.NumGoroutine())
	if *linger > 0 {
		// The heap as the load left it, for /debug/heapdump and /debug/vars to agree on.
		fmt.Println("load stopped; serving the debug endpoints for", *linger)
		time.Sleep(*linger)
	}
}

// generateLoad drives the service from two workers at about rps requests per
// second until ctx is done, and returns how many requests were handled.
func generateLoad(ctx context.Context, svc *service, rps int) uint64 {
	const workers, batch = 2, 10
	var next uint64
	var wg sync.WaitGroup
	interval := time.Duration(float64(time.Second) * workers * batch / float64(rps))
	for w := 0; w < workers; w++ {
		every(ctx, &wg, interval, func() error {
			for i := 0; i < batch; i++ {
				if err := svc.handle(atomic.AddUint64(&next, 1)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	wg.Wait()
	return atomic.LoadUint64(&next)
}

// every calls fn every d until ctx is done; the first call is after d, so
// numbered snapshots are spaced evenly from the start of the run. An error
// from fn ends the program.
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
				check(fn())
			}
		}
	}()
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
