package main

// The Prometheus text exposition that client_golang's promhttp.Handler serves for its default registry (the Go
// collector, the process collector and promhttp's own counters), rebuilt with the standard library only: this
// machine has no module proxy, so client_golang itself cannot be downloaded. The shape follows client_golang
// v1.24 (prometheus/go_collector.go, go_collector_latest.go, process_collector.go) and prometheus/common's expfmt
// (text_create.go, openmetrics_create.go): families sorted by name, "# HELP" then "# TYPE", floats in Go's
// shortest 'g' form with 0, 1 and -1 written bare, a summary as quantile samples then _sum and _count. The HELP
// sentences are this program's own words. Values come from one runtime.ReadMemStats and one debug.ReadGCStats,
// which the caller also writes as JSON, so a reader can be checked against the runtime's own numbers.

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// collectorVersion picks the set of series: "v1.24" (go_memstats_* plus the runtime/metrics-based defaults
// go_gc_gogc_percent, go_gc_gomemlimit_bytes, go_sched_gomaxprocs_threads) or "v1.11" (before the runtime/metrics
// collector: go_memstats_* including lookups and gc_cpu_fraction, no GOGC or limit).
type collectorVersion string

type sample struct {
	labels string // `code="200"` or `quantile="0.5"`, without braces
	suffix string // "_sum", "_count", "_total" (OpenMetrics counters), "_created"
	value  float64
	asInt  bool // OpenMetrics writes counts as integers
}

type family struct {
	name, help, kind string
	samples          []sample
}

// reading is everything one scrape reports.
type reading struct {
	ms           runtime.MemStats
	pauseQ       [5]float64 // debug.ReadGCStats quantiles 0, .25, .5, .75, 1 in seconds
	pauseTotal   float64    // seconds
	lastGC       float64    // seconds since the epoch
	goroutines   int
	threads      int
	gogc         int
	memoryLimit  int64
	maxProcs     int
	rss, vsize   uint64
	startSeconds float64
	cpuSeconds   float64
	openFDs      int
	handled      uint64 // promhttp_metric_handler_requests_total{code="200"}
	createdAt    float64
}

func families(r *reading, version collectorVersion) []family {
	ms := &r.ms
	g := func(name, help string, v float64) family {
		return family{name, help, "gauge", []sample{{value: v}}}
	}
	c := func(name, help string, v float64) family {
		return family{name, help, "counter", []sample{{value: v}}}
	}
	fs := []family{
		g("go_goroutines", "Goroutines that exist now.", float64(r.goroutines)),
		g("go_threads", "OS threads the runtime created.", float64(r.threads)),
		{"go_gc_duration_seconds", "Stop-the-world pause durations of GC cycles.", "summary", []sample{
			{labels: `quantile="0"`, value: r.pauseQ[0]}, {labels: `quantile="0.25"`, value: r.pauseQ[1]},
			{labels: `quantile="0.5"`, value: r.pauseQ[2]}, {labels: `quantile="0.75"`, value: r.pauseQ[3]},
			{labels: `quantile="1"`, value: r.pauseQ[4]},
			{suffix: "_sum", value: r.pauseTotal}, {suffix: "_count", value: float64(ms.NumGC), asInt: true},
		}},
		g("go_memstats_last_gc_time_seconds", "When the last GC ended, in seconds since 1970.", r.lastGC),
		{"go_info", "The Go toolchain that built the program.", "gauge", []sample{{labels: `version="` + runtime.Version() + `"`, value: 1}}},
		g("go_memstats_alloc_bytes", "Heap bytes allocated and in use (MemStats.Alloc).", float64(ms.Alloc)),
		c("go_memstats_alloc_bytes_total", "Heap bytes allocated so far, freed or not (MemStats.TotalAlloc).", float64(ms.TotalAlloc)),
		g("go_memstats_sys_bytes", "Bytes obtained from the OS (MemStats.Sys).", float64(ms.Sys)),
		c("go_memstats_mallocs_total", "Heap objects allocated so far (MemStats.Mallocs).", float64(ms.Mallocs)),
		c("go_memstats_frees_total", "Heap objects freed so far (MemStats.Frees).", float64(ms.Frees)),
		g("go_memstats_heap_alloc_bytes", "Heap bytes allocated and in use (MemStats.HeapAlloc).", float64(ms.HeapAlloc)),
		g("go_memstats_heap_sys_bytes", "Heap bytes obtained from the OS (MemStats.HeapSys).", float64(ms.HeapSys)),
		g("go_memstats_heap_idle_bytes", "Heap bytes in idle spans (MemStats.HeapIdle).", float64(ms.HeapIdle)),
		g("go_memstats_heap_inuse_bytes", "Heap bytes in in-use spans (MemStats.HeapInuse).", float64(ms.HeapInuse)),
		g("go_memstats_heap_released_bytes", "Heap bytes returned to the OS (MemStats.HeapReleased).", float64(ms.HeapReleased)),
		g("go_memstats_heap_objects", "Allocated heap objects (MemStats.HeapObjects).", float64(ms.HeapObjects)),
		g("go_memstats_stack_inuse_bytes", "Bytes in stack spans (MemStats.StackInuse).", float64(ms.StackInuse)),
		g("go_memstats_stack_sys_bytes", "Stack bytes obtained from the OS (MemStats.StackSys).", float64(ms.StackSys)),
		g("go_memstats_mspan_inuse_bytes", "Bytes of allocated mspan structures (MemStats.MSpanInuse).", float64(ms.MSpanInuse)),
		g("go_memstats_mspan_sys_bytes", "Bytes obtained from the OS for mspans (MemStats.MSpanSys).", float64(ms.MSpanSys)),
		g("go_memstats_mcache_inuse_bytes", "Bytes of allocated mcache structures (MemStats.MCacheInuse).", float64(ms.MCacheInuse)),
		g("go_memstats_mcache_sys_bytes", "Bytes obtained from the OS for mcaches (MemStats.MCacheSys).", float64(ms.MCacheSys)),
		g("go_memstats_buck_hash_sys_bytes", "Bytes of profiling bucket hash tables (MemStats.BuckHashSys).", float64(ms.BuckHashSys)),
		g("go_memstats_gc_sys_bytes", "Bytes of GC metadata (MemStats.GCSys).", float64(ms.GCSys)),
		g("go_memstats_other_sys_bytes", "Other off-heap runtime bytes (MemStats.OtherSys).", float64(ms.OtherSys)),
		g("go_memstats_next_gc_bytes", "Heap size the next GC aims for (MemStats.NextGC).", float64(ms.NextGC)),
		c("process_cpu_seconds_total", "User and system CPU seconds.", r.cpuSeconds),
		g("process_max_fds", "Limit on open file descriptors.", 1024),
		g("process_open_fds", "Open file descriptors.", float64(r.openFDs)),
		g("process_resident_memory_bytes", "Resident memory in bytes.", float64(r.rss)),
		g("process_start_time_seconds", "Process start, in seconds since 1970.", r.startSeconds),
		g("process_virtual_memory_bytes", "Virtual memory in bytes.", float64(r.vsize)),
		g("process_virtual_memory_max_bytes", "Limit on virtual memory in bytes.", -1),
		g("promhttp_metric_handler_requests_in_flight", "Scrapes being served now.", 1),
		{"promhttp_metric_handler_requests_total", "Scrapes served, by HTTP status code.", "counter", []sample{
			{labels: `code="200"`, value: float64(r.handled)}, {labels: `code="500"`, value: 0}, {labels: `code="503"`, value: 0},
		}},
	}
	switch version {
	case "v1.11":
		fs = append(fs,
			c("go_memstats_lookups_total", "Pointer lookups by the runtime (MemStats.Lookups).", float64(ms.Lookups)),
			g("go_memstats_gc_cpu_fraction", "Fraction of CPU time used by the GC since the start (MemStats.GCCPUFraction).", ms.GCCPUFraction))
	default:
		fs = append(fs,
			g("go_gc_gogc_percent", "GOGC as the runtime applies it (-1: off). Sourced from /gc/gogc:percent.", float64(r.gogc)),
			g("go_gc_gomemlimit_bytes", "The soft memory limit (math.MaxInt64: none). Sourced from /gc/gomemlimit:bytes.", float64(r.memoryLimit)),
			g("go_sched_gomaxprocs_threads", "GOMAXPROCS. Sourced from /sched/gomaxprocs:threads.", float64(r.maxProcs)))
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].name < fs[j].name })
	return fs
}

// writeText writes the text format 0.0.4 (Content-Type text/plain; version=0.0.4).
func writeText(w io.Writer, fs []family) {
	for _, f := range fs {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.kind)
		for _, s := range f.samples {
			fmt.Fprintf(w, "%s%s %s\n", f.name+s.suffix, braces(s.labels), formatFloat(s.value))
		}
	}
}

// writeOpenMetrics writes OpenMetrics 1.0 text: counter families lose "_total" in HELP/TYPE and keep it on the
// sample, counters and summaries made with a creation time get a _created sample, counts are integers, "# EOF" ends it.
func writeOpenMetrics(w io.Writer, fs []family, createdAt float64) {
	for _, f := range fs {
		name := f.name
		if f.kind == "counter" {
			name = strings.TrimSuffix(name, "_total")
		}
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(f.help), name, f.kind)
		created := f.name == "promhttp_metric_handler_requests_total"
		for _, s := range f.samples {
			sampleName := name + s.suffix
			if f.kind == "counter" {
				sampleName = name + "_total"
			}
			value := formatFloat(s.value)
			if s.asInt {
				value = strconv.FormatUint(uint64(s.value), 10)
			}
			fmt.Fprintf(w, "%s%s %s\n", sampleName, braces(s.labels), value)
			if created {
				fmt.Fprintf(w, "%s_created%s %s\n", name, braces(s.labels), formatFloat(createdAt))
			}
		}
	}
	io.WriteString(w, "# EOF\n")
}

func braces(labels string) string {
	if labels == "" {
		return ""
	}
	return "{" + labels + "}"
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

// formatFloat is expfmt's writeFloat: 0, 1 and -1 bare, NaN and ±Inf spelled out, else the shortest 'g' form.
func formatFloat(f float64) string {
	switch {
	case f == 1:
		return "1"
	case f == 0:
		return "0"
	case f == -1:
		return "-1"
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
