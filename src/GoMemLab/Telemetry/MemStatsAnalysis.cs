using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>
/// Analyses of a <see cref="MemStatsSeries"/>: the leak signals of HeapInuse, HeapObjects, NextGC and
/// goroutines, and a summary. Byte metrics are in MB meaning MiB (2^20 bytes), as gctrace prints them.
/// Caveat: MemStats snapshots are taken at arbitrary points of the GC cycle, so HeapInuse includes
/// garbage not yet collected; NextGC (the heap goal, proportional to the live heap after the last GC
/// under a fixed GOGC) is the closest MemStats gets to gctrace's live heap.
/// </summary>
public static class MemStatsAnalysis
{
    private const double Mebibyte = 1 << 20;

    /// <summary>
    /// One <see cref="LeakSignal"/> per metric the series carries: heap_inuse_mb, heap_objects,
    /// next_gc_mb, goroutines (floors 1 MiB, 1,000 objects, 1 MiB, 10 goroutines). Times are minutes
    /// when the series has timestamps, else snapshot positions (time unit "snapshot").
    /// </summary>
    public static IReadOnlyList<LeakSignal> LeakSignals(MemStatsSeries series)
    {
        var timed = series.TimeSource == MemStatsTimeSource.Timestamps;
        var timeUnit = timed ? "min" : "snapshot";
        var result = new List<LeakSignal>();
        void Add(string metric, string unit, Func<MemStatsSnapshot, double?> value, double floor)
        {
            var times = new List<double>();
            var values = new List<double>();
            for (int i = 0; i < series.Snapshots.Count; i++)
            {
                if (value(series.Snapshots[i]) is not { } v) continue;
                times.Add(timed ? series.Times[i] / 60 : series.Times[i]);
                values.Add(v);
            }
            if (values.Count > 0) result.Add(LeakSignal.Assess(metric, unit, timeUnit, times, values, floor));
        }
        Add("heap_inuse_mb", "MB", s => s.HeapInuse / Mebibyte, 1);
        Add("heap_objects", "objects", s => s.HeapObjects, 1000);
        Add("next_gc_mb", "MB", s => s.NextGC / Mebibyte, 1);
        Add("goroutines", "goroutines", s => s.Goroutines, 10);
        return result;
    }

    /// <summary>
    /// The series' verdict: growing when any signal is growing, shrinking when none grows and one
    /// shrinks, insufficient data when every signal lacks data, steady otherwise.
    /// </summary>
    public static LeakVerdict Overall(IEnumerable<LeakSignal> signals)
    {
        var list = signals.ToList();
        if (list.Any(s => s.Verdict == LeakVerdict.Growing)) return LeakVerdict.Growing;
        if (list.Any(s => s.Verdict == LeakVerdict.Shrinking)) return LeakVerdict.Shrinking;
        if (list.All(s => s.Verdict == LeakVerdict.InsufficientData)) return LeakVerdict.InsufficientData;
        return LeakVerdict.Steady;
    }

    /// <summary><see cref="SummaryRows"/> as a <see cref="MetricTable"/>.</summary>
    public static DataFrame Summary(MemStatsSeries series) => MetricTable.Create(SummaryRows(series));

    /// <summary>
    /// (metric, value) rows: snapshot count, time source and span, first and last
    /// HeapAlloc/HeapInuse/Sys, GCs during the series and their rate, the last GCCPUFraction, pause
    /// p50/p99/max over the last snapshot's PauseNs ring (up to 256 most recent GCs), goroutines min/max.
    /// </summary>
    public static List<(string Metric, object? Value)> SummaryRows(MemStatsSeries series)
    {
        var s = series.Snapshots;
        var first = s[0];
        var last = s[^1];
        var span = series.Times[^1] - series.Times[0];
        var timed = series.TimeSource == MemStatsTimeSource.Timestamps;
        var rows = new List<(string Metric, object? Value)>
        {
            ("snapshots", s.Count),
            ("time_source", timed ? "timestamps" : "order"),
            (timed ? "span_s" : "span_snapshots", Math.Round(span, 6)),
            ("heap_alloc_first", first.HeapAlloc), ("heap_alloc_last", last.HeapAlloc),
            ("heap_inuse_first", first.HeapInuse), ("heap_inuse_last", last.HeapInuse),
            ("sys_first", first.Sys), ("sys_last", last.Sys),
        };
        if (first.NumGC is { } gc0 && last.NumGC is { } gc1)
        {
            rows.Add(("gc_count", gc1 - gc0));
            if (timed && span > 0) rows.Add(("gc_per_s", Math.Round((gc1 - gc0) / span, 4)));
        }
        rows.Add(("gc_cpu_fraction_last", last.GCCPUFraction));
        var pauses = last.RecentPausesNs().Select(p => p / 1e6).Order().ToList();
        if (pauses.Count > 0)
        {
            rows.Add(("pause_ring_gcs", pauses.Count));
            rows.Add(("pause_p50_ms", Percentile.NearestRank(pauses, 50)));
            rows.Add(("pause_p99_ms", Percentile.NearestRank(pauses, 99)));
            rows.Add(("pause_max_ms", pauses[^1]));
        }
        var goroutines = s.Where(x => x.Goroutines is not null).Select(x => x.Goroutines!.Value).ToList();
        if (goroutines.Count > 0)
        {
            rows.Add(("goroutines_min", goroutines.Min()));
            rows.Add(("goroutines_max", goroutines.Max()));
        }
        return rows;
    }
}
