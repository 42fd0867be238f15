// Package telemetry writes the runtime's view of memory to files, the way a
// service would ship it to a monitoring system.
package telemetry

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

// MemStatsLog appends one JSON object per line to a file: when the snapshot
// was taken (ts as RFC 3339 with nanoseconds, unix_nano, elapsed_s since the
// log was opened), the goroutine count, and then every field of
// runtime.MemStats exactly as encoding/json renders it, in declaration order
// (PauseNs, PauseEnd and BySize included).
type MemStatsLog struct {
	file  *os.File
	out   *bufio.Writer
	start time.Time
}

// CreateMemStatsLog creates (or truncates) path.
func CreateMemStatsLog(path string) (*MemStatsLog, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &MemStatsLog{file: f, out: bufio.NewWriter(f), start: time.Now()}, nil
}

// Snapshot reads runtime.MemStats (a short stop-the-world) and appends a line.
// The line is flushed at once so a reader can follow the file while the
// program runs.
func (l *MemStatsLog) Snapshot() error {
	now := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	stats, err := json.Marshal(&ms)
	if err != nil {
		return err
	}
	// Splice our fields in front of MemStats' own so the line stays one flat
	// object with a stable field order.
	fmt.Fprintf(l.out, `{"ts":"%s","unix_nano":%d,"elapsed_s":%s,"goroutines":%d,`,
		now.UTC().Format(time.RFC3339Nano), now.UnixNano(),
		strconv.FormatFloat(now.Sub(l.start).Seconds(), 'f', -1, 64),
		runtime.NumGoroutine())
	l.out.Write(stats[1:])
	l.out.WriteByte('\n')
	return l.out.Flush()
}

// Close flushes and closes the file.
func (l *MemStatsLog) Close() error {
	if err := l.out.Flush(); err != nil {
		l.file.Close()
		return err
	}
	return l.file.Close()
}
