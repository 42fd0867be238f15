package telemetry

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"
)

// HeapProfiles writes numbered heap profiles (heap-1.pb.gz, heap-2.pb.gz, …)
// into a directory, so successive snapshots of one run can be compared.
type HeapProfiles struct {
	Dir string
	n   int
}

// WriteNext writes the next numbered heap profile and returns its path. Like
// every heap profile it reflects the heap as of the most recently completed
// GC cycle; allocation totals (alloc_space) are cumulative since start.
func (h *HeapProfiles) WriteNext() (string, error) {
	h.n++
	path := filepath.Join(h.Dir, fmt.Sprintf("heap-%d.pb.gz", h.n))
	return path, writeFile(path, func(f *os.File) error { return pprof.WriteHeapProfile(f) })
}

// WriteHeapText writes the legacy text heap profile (debug=1): one record per
// stack with symbolised frames, followed by the "# runtime.MemStats" trailer.
func WriteHeapText(path string) error {
	return writeFile(path, func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 1) })
}

// WriteGoroutineProfile writes the goroutine profile in protobuf form; leaked
// goroutines show up as many goroutines parked on the same stack.
func WriteGoroutineProfile(path string) error {
	return writeFile(path, func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 0) })
}

// ProfileCPU records a CPU profile for d and writes it to path.
func ProfileCPU(path string, d time.Duration) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return err
	}
	time.Sleep(d)
	pprof.StopCPUProfile()
	return f.Close()
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
