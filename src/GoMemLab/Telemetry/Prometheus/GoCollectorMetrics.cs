using System.Collections.Frozen;
using GoMemLab.Inputs;

namespace GoMemLab.Telemetry.Prometheus;

/// <summary>
/// Maps the series that client_golang's Go and process collectors export onto the MemStats columns. The names and
/// their meaning are read from prometheus/client_golang (prometheus/go_collector.go: <c>goRuntimeMemStats</c>, one
/// <c>go_memstats_*</c> gauge or counter per MemStats field; the base collector's <c>go_goroutines</c>,
/// <c>go_gc_duration_seconds</c> summary from runtime/debug.ReadGCStats — quantiles 0, 0.25, 0.5, 0.75, 1 of the
/// recent pauses, <c>_sum</c> = PauseTotal, <c>_count</c> = NumGC — and <c>go_memstats_last_gc_time_seconds</c>;
/// go_collector_latest.go: the runtime/metrics-based defaults <c>go_gc_gogc_percent</c> and
/// <c>go_gc_gomemlimit_bytes</c>, and any runtime/metrics name turned into <c>go_&lt;path&gt;_&lt;unit&gt;</c>
/// such as <c>go_gc_heap_live_bytes</c>). Older client_golang releases export the same <c>go_memstats_*</c> names
/// (plus <c>go_memstats_gc_cpu_fraction</c>, dropped in v1.12). Values are float64 in the exposition: byte and
/// event counts are exact below 2^53; seconds are turned back into ns by rounding, which is exact for pause sums
/// and quantiles (client_golang divided whole ns by 1e9) but only to about 240 ns for last_gc (a Unix time in
/// seconds has 53 bits of precision).
/// </summary>
internal static class GoCollectorMetrics
{
    private static readonly FrozenDictionary<string, MemStatsCounter> Counters = new Dictionary<string, MemStatsCounter>
    {
        ["go_memstats_alloc_bytes"] = MemStatsCounter.Alloc,
        ["go_memstats_alloc_bytes_total"] = MemStatsCounter.TotalAlloc,
        ["go_memstats_sys_bytes"] = MemStatsCounter.Sys,
        ["go_memstats_lookups_total"] = MemStatsCounter.Lookups,
        ["go_memstats_mallocs_total"] = MemStatsCounter.Mallocs,
        ["go_memstats_frees_total"] = MemStatsCounter.Frees,
        ["go_memstats_heap_alloc_bytes"] = MemStatsCounter.HeapAlloc,
        ["go_memstats_heap_sys_bytes"] = MemStatsCounter.HeapSys,
        ["go_memstats_heap_idle_bytes"] = MemStatsCounter.HeapIdle,
        ["go_memstats_heap_inuse_bytes"] = MemStatsCounter.HeapInuse,
        ["go_memstats_heap_released_bytes"] = MemStatsCounter.HeapReleased,
        ["go_memstats_heap_objects"] = MemStatsCounter.HeapObjects,
        ["go_memstats_stack_inuse_bytes"] = MemStatsCounter.StackInuse,
        ["go_memstats_stack_sys_bytes"] = MemStatsCounter.StackSys,
        ["go_memstats_mspan_inuse_bytes"] = MemStatsCounter.MSpanInuse,
        ["go_memstats_mspan_sys_bytes"] = MemStatsCounter.MSpanSys,
        ["go_memstats_mcache_inuse_bytes"] = MemStatsCounter.MCacheInuse,
        ["go_memstats_mcache_sys_bytes"] = MemStatsCounter.MCacheSys,
        ["go_memstats_buck_hash_sys_bytes"] = MemStatsCounter.BuckHashSys,
        ["go_memstats_gc_sys_bytes"] = MemStatsCounter.GCSys,
        ["go_memstats_other_sys_bytes"] = MemStatsCounter.OtherSys,
        ["go_memstats_next_gc_bytes"] = MemStatsCounter.NextGC,
        ["go_gc_duration_seconds_count"] = MemStatsCounter.NumGC,
        // runtime/metrics names as client_golang renames them when a user enables them (go_collector_latest.go).
        ["go_gc_heap_goal_bytes"] = MemStatsCounter.NextGC,
        ["go_gc_heap_objects_objects"] = MemStatsCounter.HeapObjects,
        ["go_gc_cycles_total_gc_cycles_total"] = MemStatsCounter.NumGC,
        ["go_gc_cycles_forced_gc_cycles_total"] = MemStatsCounter.NumForcedGC,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names whose presence makes a scrape a Go program's (the ones the mapping reads).</summary>
    public static bool IsGoMetric(string name) =>
        Counters.ContainsKey(name) || name is "go_goroutines" or "go_gc_duration_seconds" or "go_gc_duration_seconds_sum"
            or "go_memstats_last_gc_time_seconds" or "go_memstats_gc_cpu_fraction" or "go_gc_gogc_percent" or "go_gc_gomemlimit_bytes"
            or "go_gc_heap_live_bytes" or "go_sched_goroutines_goroutines";

    /// <summary>
    /// Applies <paramref name="sample"/> to <paramref name="into"/> when it is one of the mapped series (true), or
    /// returns false for any other series (<c>process_resident_memory_bytes</c> is mapped, to rss, but does not make
    /// a scrape a Go program's: see <see cref="IsGoMetric"/>). A mapped series whose value is not what it must be (a byte count that is
    /// negative, fractional or NaN) is an <see cref="InputFormatException"/> naming <paramref name="source"/> and <paramref name="where"/>.
    /// </summary>
    public static bool Apply(MemStatsSnapshotBuilder into, PrometheusSample sample, string source, string where)
    {
        var v = sample.Value;
        if (Counters.TryGetValue(sample.Name, out var counter)) { into.Set(counter, Count(v)); return true; }
        switch (sample.Name)
        {
            case "go_goroutines" or "go_sched_goroutines_goroutines": into.Goroutines = (long)Count(v); return true;
            case "go_gc_duration_seconds":
                if (sample.Label("quantile") is not { } q || !double.TryParse(q, System.Globalization.CultureInfo.InvariantCulture,
                    out var quantile)
                    || !(quantile is >= 0 and <= 1))
                    throw Error("go_gc_duration_seconds without a quantile label in [0, 1]");
                into.PauseQuantiles[quantile] = Nanoseconds(v);
                return true;
            case "go_gc_duration_seconds_sum": into.Set(MemStatsCounter.PauseTotalNs, Nanoseconds(v)); return true;
            case "go_memstats_last_gc_time_seconds": into.Set(MemStatsCounter.LastGC, Nanoseconds(v)); return true;
            case "go_memstats_gc_cpu_fraction":
                if (!double.IsFinite(v)) throw Error($"{Show(v)} is not a fraction");
                into.GcCpuFraction = v;
                return true;
            case "go_gc_gogc_percent":
                if (!double.IsFinite(v) || v != Math.Floor(v) || v < -1
                    || v > long.MaxValue) throw Error($"{Show(v)} is not a GOGC percentage");
                into.GcPercent = (long)v;
                return true;
            case "go_gc_gomemlimit_bytes": into.MemoryLimit = Count(v); return true;
            case "go_gc_heap_live_bytes": into.HeapLive = Count(v); return true;
            case "process_resident_memory_bytes": into.Rss = Count(v); return true;
        }
        return false;

        ulong Count(double value) =>
            double.IsFinite(value) && value >= 0 && value == Math.Floor(value) && value < 18446744073709551616.0
                ? (ulong)value
                : throw Error($"{Show(value)} is not a whole non-negative number");

        ulong Nanoseconds(double seconds) =>
            double.IsFinite(seconds) && seconds >= 0 && seconds < 1.8e10
                ? (ulong)Math.Round(seconds * 1e9)
                : throw Error($"{Show(seconds)} is not a duration or time in seconds");

        InputFormatException Error(string problem) =>
            new(source, $"{sample.Name}{(sample.Labels.Count > 0 ? "{" + sample.SeriesKey() + "}" : "")}: {problem}{where}",
                line: sample.LineNumber > 0 ? sample.LineNumber : null);
    }

    private static string Show(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
