namespace GoMemLab.Telemetry;

/// <summary>The meanings of `gomemlab memstats` columns: the time axis, then runtime.MemStats fields in snake_case (Go's documentation, shortened).</summary>
public static class MemStatsColumns
{
    public static Dictionary<string, string> Meanings => new()
    {
        ["time_s"] = "Seconds since the first snapshot (when every snapshot has a time).",
        ["snapshot"] = "Position of the snapshot, from 0 (when some snapshot has no time).",
        ["timestamp"] = "When the snapshot was taken (ISO 8601; empty when absent).",
        ["goroutines"] = "Number of goroutines (when the snapshot records it).",
        ["alloc"] = "Alloc: bytes of allocated heap objects (same as heap_alloc).",
        ["total_alloc"] = "TotalAlloc: cumulative bytes allocated for heap objects.",
        ["sys"] = "Sys: total bytes obtained from the OS.",
        ["lookups"] = "Lookups: pointer lookups by the runtime (always 0 in current Go).",
        ["mallocs"] = "Mallocs: cumulative count of heap objects allocated.",
        ["frees"] = "Frees: cumulative count of heap objects freed.",
        ["heap_alloc"] = "HeapAlloc: bytes of allocated heap objects, reachable or not yet swept.",
        ["heap_sys"] = "HeapSys: heap bytes obtained from the OS.",
        ["heap_idle"] = "HeapIdle: bytes in idle (unused) spans.",
        ["heap_inuse"] = "HeapInuse: bytes in in-use spans; a steady rise is a leak signal.",
        ["heap_released"] = "HeapReleased: bytes of physical memory returned to the OS.",
        ["heap_objects"] = "HeapObjects: number of allocated heap objects.",
        ["stack_inuse"] = "StackInuse: bytes in stack spans.",
        ["stack_sys"] = "StackSys: stack bytes obtained from the OS.",
        ["mspan_inuse"] = "MSpanInuse: bytes of allocated mspan structures.",
        ["mspan_sys"] = "MSpanSys: bytes obtained from the OS for mspan structures.",
        ["mcache_inuse"] = "MCacheInuse: bytes of allocated mcache structures.",
        ["mcache_sys"] = "MCacheSys: bytes obtained from the OS for mcache structures.",
        ["buck_hash_sys"] = "BuckHashSys: bytes of profiling bucket hash tables.",
        ["gc_sys"] = "GCSys: bytes of garbage collection metadata.",
        ["other_sys"] = "OtherSys: other off-heap runtime allocations.",
        ["next_gc"] = "NextGC: the heap size the next GC aims to keep HeapAlloc under.",
        ["last_gc"] = "LastGC: when the last GC finished, nanoseconds since the Unix epoch.",
        ["pause_total_ns"] = "PauseTotalNs: cumulative stop-the-world pause time, ns.",
        ["num_gc"] = "NumGC: completed GC cycles.",
        ["num_forced_gc"] = "NumForcedGC: GC cycles forced by the program calling runtime.GC.",
        ["gc_cpu_fraction"] = "GCCPUFraction: fraction of the CPU time used by the GC since the program started.",
    };
}
