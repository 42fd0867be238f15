// Command allocs measures, at run time, the claims of the seed article that
// the compiler's output alone cannot settle. Each line it prints is quoted in
// docs/seed-claims.md:
//
//   - boxing a uint64 into an interface allocates nothing below 256
//     (runtime.convT64 returns a pointer into runtime.staticuint64s) and 8
//     bytes from 256 up;
//   - the article's sync.Pool + unsafe.Pointer GetBuf allocates its 256-byte
//     array on every call, because it never Puts one back;
//   - "sync.Pool Put/Get imbalance" retains nothing: buffers Put and never
//     taken again survive one GC in the victim cache and are freed by the
//     second.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"

	"example.com/seedclaims/escape"
)

var (
	sink  interface{}
	small uint64 = 255
	large uint64 = 256
)

func heapAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	fmt.Printf("convT64 allocs per boxing of %d: %.0f\n", small, testing.AllocsPerRun(1000, func() { sink = small }))
	fmt.Printf("convT64 allocs per boxing of %d: %.0f\n", large, testing.AllocsPerRun(1000, func() { sink = large }))
	fmt.Printf("GetBuf allocs per call: %.0f\n", testing.AllocsPerRun(1000, func() { _ = escape.GetBuf() }))

	const n, size = 64, 1 << 20
	var pool sync.Pool
	runtime.GC()
	before := heapAlloc()
	gcPercent := debug.SetGCPercent(-1) // no GC while the buffers are Put
	for i := 0; i < n; i++ {
		pool.Put(make([]byte, size))
	}
	put := heapAlloc()
	debug.SetGCPercent(gcPercent)
	runtime.GC()
	afterOne := heapAlloc()
	runtime.GC()
	afterTwo := heapAlloc()
	fmt.Printf("sync.Pool: %d MiB Put and never taken; heap above baseline: after Put %.1f MiB, after 1 GC %.1f MiB, after 2 GCs %.1f MiB\n",
		n*size>>20, mib(put, before), mib(afterOne, before), mib(afterTwo, before))
	runtime.KeepAlive(&pool)
}

func mib(now, base uint64) float64 { return float64(int64(now)-int64(base)) / (1 << 20) }
