package main

// These helpers are copies of example.com/leaky/internal/telemetry, trimmed
// to what churn needs; the programs are separate modules and share no code.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

// memStatsLog appends one JSON line per snapshot: ts, unix_nano, elapsed_s,
// goroutines, then every runtime.MemStats field as encoding/json writes it.
type memStatsLog struct {
	file  *os.File
	out   *bufio.Writer
	start time.Time
}

func createMemStatsLog(path string) (*memStatsLog, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &memStatsLog{file: f, out: bufio.NewWriter(f), start: time.Now()}, nil
}

func (l *memStatsLog) snapshot() error {
	now := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	stats, err := json.Marshal(&ms)
	if err != nil {
		return err
	}
	fmt.Fprintf(l.out, `{"ts":"%s","unix_nano":%d,"elapsed_s":%s,"goroutines":%d,`,
		now.UTC().Format(time.RFC3339Nano), now.UnixNano(),
		strconv.FormatFloat(now.Sub(l.start).Seconds(), 'f', -1, 64),
		runtime.NumGoroutine())
	l.out.Write(stats[1:])
	l.out.WriteByte('\n')
	return l.out.Flush()
}

func (l *memStatsLog) close() error {
	if err := l.out.Flush(); err != nil {
		l.file.Close()
		return err
	}
	return l.file.Close()
}

// heapProfiles writes heap-1.pb.gz, heap-2.pb.gz, … into dir.
type heapProfiles struct {
	dir string
	n   int
}

func (h *heapProfiles) writeNext() error {
	h.n++
	f, err := os.Create(filepath.Join(h.dir, fmt.Sprintf("heap-%d.pb.gz", h.n)))
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
