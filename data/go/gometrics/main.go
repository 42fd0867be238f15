// Command gometrics is a small Go service that exposes its runtime metrics the ways production does: a
// Prometheus /metrics endpoint in client_golang's format (exposition.go), runtime/metrics samples as JSON lines
// (runtimemetrics.go), and, beside each, runtime.MemStats as JSON from the same reading, so a reader of the
// first two can be checked against the runtime's own numbers. With -leak it keeps what it allocates.
//
//	gometrics -out DIR -scrapes 6 -every 200ms -leak 262144 -gc   DIR/scrape-N.prom + DIR/memstats-N.json
//	gometrics ... -client v1.11                                    the older collector's series
//	gometrics ... -openmetrics                                     DIR/scrape-N.txt in OpenMetrics text
//	gometrics -runtime-metrics FILE -scrapes 6 -every 200ms        FILE (runtime/metrics) + FILE.memstats.jsonl
//	gometrics -addr 127.0.0.1:0 -duration 30s                      serves /metrics; prints "listening on http://ADDR"
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

var kept [][]byte // what -leak retains

func main() {
	out := flag.String("out", "", "write scrape-N.prom (or .txt) and memstats-N.json here")
	scrapes := flag.Int("scrapes", 6, "how many readings to write")
	every := flag.Duration("every", 200*time.Millisecond, "time between readings")
	leak := flag.Int("leak", 0, "bytes to allocate and keep before each reading")
	client := flag.String("client", "v1.24", "client_golang series set: v1.24 or v1.11")
	openMetrics := flag.Bool("openmetrics", false, "write OpenMetrics text instead of the text format 0.0.4")
	runtimeMetrics := flag.String("runtime-metrics", "", "write runtime/metrics JSON lines to this file (and FILE.memstats.jsonl)")
	addr := flag.String("addr", "", "serve /metrics on this address")
	duration := flag.Duration("duration", 30*time.Second, "with -addr: how long to serve")
	collect := flag.Bool("gc", false, "run a GC before each reading, so the heap figures are the live heap")
	flag.Parse()
	runtime.GC() // so that LastGC and the pause summary have a value from the first reading on
	start := time.Now()
	switch {
	case *addr != "":
		serve(*addr, *duration, *leak, collectorVersion(*client), start)
	case *runtimeMetrics != "":
		check(writeRuntimeMetrics(*runtimeMetrics, *scrapes, *every, *leak, *collect))
	case *out != "":
		check(writeScrapes(*out, *scrapes, *every, *leak, *collect, collectorVersion(*client), *openMetrics, start))
	default:
		log.Fatal("give -out, -runtime-metrics or -addr")
	}
}

func writeScrapes(dir string, n int, every time.Duration, leak int, collect bool, version collectorVersion, openMetrics bool,
	start time.Time) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		grow(leak)
		if collect {
			runtime.GC()
		}
		r := read(start, uint64(i-1))
		var text bytes.Buffer
		ext := "prom"
		if openMetrics {
			writeOpenMetrics(&text, families(&r, version), r.createdAt)
			ext = "txt"
		} else {
			writeText(&text, families(&r, version))
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("scrape-%d.%s", i, ext)), text.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("memstats-%d.json", i)), memStatsJSON(&r), 0o644); err != nil {
			return err
		}
		time.Sleep(every)
	}
	return nil
}

// memStatsJSON is the reading behind a scrape: the time, the figures that are not MemStats fields, then
// runtime.MemStats as encoding/json writes it.
func memStatsJSON(r *reading) []byte {
	stats, _ := json.Marshal(&r.ms)
	quantiles := make([]string, len(r.pauseQ))
	for i, q := range r.pauseQ {
		quantiles[i] = strconv.FormatInt(int64(q*1e9+0.5), 10)
	}
	head := fmt.Sprintf(`{"unix_nano":%d,"goroutines":%d,"gogc":%d,"gomemlimit":%d,"rss":%d,"pause_quantiles_ns":[%s],`,
		time.Now().UnixNano(), r.goroutines, r.gogc, r.memoryLimit, r.rss, strings.Join(quantiles, ","))
	return append(append([]byte(head), stats[1:]...), '\n')
}

func writeRuntimeMetrics(path string, n int, every time.Duration, leak int, collect bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ms, err := os.Create(path + ".memstats.jsonl")
	if err != nil {
		return err
	}
	defer ms.Close()
	w := newRuntimeMetricsWriter(f)
	var stats runtime.MemStats
	for i := 0; i < n; i++ {
		grow(leak)
		if collect {
			runtime.GC()
		}
		// No allocation between the two reads: both describe the same heap. MemStats first: its stop-the-world
		// flushes the per-P caches, so the runtime/metrics read right after sees the same counts.
		runtime.ReadMemStats(&stats)
		at := w.read()
		if err := w.write(at); err != nil {
			return err
		}
		line, _ := json.Marshal(&stats)
		fmt.Fprintf(ms, `{"unix_nano":%d,"goroutines":%d,%s`+"\n", at.UnixNano(), runtime.NumGoroutine(), line[1:])
		time.Sleep(every)
	}
	return nil
}

func serve(addr string, duration time.Duration, leak int, version collectorVersion, start time.Time) {
	listener, err := net.Listen("tcp", addr)
	check(err)
	var mu sync.Mutex
	var handled uint64
	http.HandleFunc("/metrics", func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		grow(leak)
		r := read(start, handled)
		handled++
		mu.Unlock()
		if req.URL.Query().Get("format") == "openmetrics" {
			w.Header().Set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
			writeOpenMetrics(w, families(&r, version), r.createdAt)
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		writeText(w, families(&r, version))
	})
	fmt.Printf("listening on http://%s\n", listener.Addr())
	go func() {
		time.Sleep(duration)
		os.Exit(0)
	}()
	check(http.Serve(listener, nil))
}

func grow(n int) {
	if n > 0 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i)
		}
		kept = append(kept, b)
	}
}

// read takes MemStats and GCStats for the same GC count (retrying if a GC ran between the two calls).
func read(start time.Time, handled uint64) reading {
	var r reading
	var gc debug.GCStats
	for {
		runtime.ReadMemStats(&r.ms)
		gc.PauseQuantiles = make([]time.Duration, 5)
		debug.ReadGCStats(&gc)
		if uint32(gc.NumGC) == r.ms.NumGC {
			break
		}
	}
	for i, q := range gc.PauseQuantiles {
		r.pauseQ[i] = q.Seconds()
	}
	r.pauseTotal = gc.PauseTotal.Seconds()
	r.lastGC = float64(gc.LastGC.UnixNano()) / 1e9
	r.goroutines = runtime.NumGoroutine()
	r.threads, _ = runtime.ThreadCreateProfile(nil)
	r.gogc = gogc()
	r.memoryLimit = debug.SetMemoryLimit(-1)
	r.maxProcs = runtime.GOMAXPROCS(0)
	r.handled = handled
	r.createdAt = float64(start.UnixNano()) / 1e9
	procStat(&r)
	return r
}

// gogc reads GOGC the way the runtime does (readGOGC in mgcpacer.go): "off" is -1, a number is itself, else 100.
func gogc() int {
	v := os.Getenv("GOGC")
	if v == "off" {
		return -1
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n
	}
	return 100
}

// procStat fills the process collector's figures from /proc (as client_golang's procfs-based collector does).
func procStat(r *reading) {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))
	// fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22, vsize 23, rss 24.
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	startTicks, _ := strconv.ParseFloat(fields[19], 64)
	r.vsize, _ = strconv.ParseUint(fields[20], 10, 64)
	rssPages, _ := strconv.ParseUint(fields[21], 10, 64)
	r.rss = rssPages * uint64(os.Getpagesize())
	const ticks = 100 // USER_HZ
	r.cpuSeconds = (utime + stime) / ticks
	r.startSeconds = bootTime() + startTicks/ticks
	entries, _ := os.ReadDir("/proc/self/fd")
	r.openFDs = len(entries)
}

func bootTime() float64 {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if strings.HasPrefix(s.Text(), "btime ") {
			v, _ := strconv.ParseFloat(strings.TrimPrefix(s.Text(), "btime "), 64)
			return v
		}
	}
	return 0
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
