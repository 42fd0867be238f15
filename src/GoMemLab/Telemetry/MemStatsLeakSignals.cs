namespace GoMemLab.Telemetry;

/// <summary>
/// The leak signals of a <see cref="MemStatsSeries"/>, per series. Byte metrics are in MB meaning MiB (2^20 bytes),
/// as gctrace prints them. Caveat: MemStats readings are taken at arbitrary points of the GC cycle, so HeapInuse
/// includes garbage not yet collected; NextGC (the heap goal, proportional to the live heap after the last GC under a
/// fixed GOGC) is the closest MemStats gets to gctrace's live heap, and runtime/metrics' /gc/heap/live:bytes (Go
/// 1.21+) is that live heap itself.
/// </summary>
internal static class MemStatsLeakSignals
{
    private const double Mebibyte = 1 << 20;

    /// <summary>
    /// Per series, one <see cref="LeakSignal"/> per metric it carries: heap_live_mb, heap_inuse_mb (or heap_alloc_mb
    /// when HeapInuse is absent), heap_objects, next_gc_mb, goroutines (floors 1 MiB, 1 MiB, 1,000 objects, 1 MiB,
    /// 10 goroutines). Times are minutes when the series has timestamps, else snapshot positions (time unit "snapshot").
    /// </summary>
    public static IReadOnlyList<LeakSignal> Of(MemStatsSeries series)
    {
        var timed = series.TimeSource == MemStatsTimeSource.Timestamps;
        var timeUnit = timed ? "min" : "snapshot";
        var result = new List<LeakSignal>();
        foreach (var name in series.SeriesNames)
        {
            var indexes = Enumerable.Range(0, series.Snapshots.Count).Where(i => series.Snapshots[i].Series == name).ToList();
            void Add(string metric, string unit, Func<MemStatsSnapshot, double?> value, double floor)
            {
                var times = new List<double>();
                var values = new List<double>();
                foreach (var i in indexes)
                {
                    if (value(series.Snapshots[i]) is not { } v) continue;
                    times.Add(timed ? series.Times[i] / 60 : series.Times[i]);
                    values.Add(v);
                }
                if (values.Count > 0) result.Add(LeakSignal.Assess(metric, unit, timeUnit, times, values, floor) with { Series = name });
            }
            Add("heap_live_mb", "MB", s => s.HeapLive / Mebibyte, 1);
            if (indexes.Any(i => series.Snapshots[i].HeapInuse is not null)) Add("heap_inuse_mb", "MB", s => s.HeapInuse / Mebibyte, 1);
            else Add("heap_alloc_mb", "MB", s => s.HeapAlloc / Mebibyte, 1);
            Add("heap_objects", "objects", s => s.HeapObjects, 1000);
            Add("next_gc_mb", "MB", s => s.NextGC / Mebibyte, 1);
            Add("goroutines", "goroutines", s => s.Goroutines, 10);
        }
        return result;
    }
}
