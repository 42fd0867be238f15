using Microsoft.Data.Analysis;

namespace GoMemLab.Telemetry;

/// <summary>Where a series' time axis comes from.</summary>
public enum MemStatsTimeSource
{
    /// <summary>Every snapshot carries a wall-clock timestamp (or elapsed seconds): times are seconds since the first.</summary>
    Timestamps,
    /// <summary>At least one snapshot has no time: the axis is the snapshot's position (0, 1, 2, …).</summary>
    Order,
}

/// <summary>
/// MemStats snapshots in the order they were taken, with what was skipped reading them. Time comes from
/// the snapshots' timestamps when all of them have one (else elapsed seconds when all have that), and
/// from their order otherwise — then slopes are per snapshot, not per minute.
/// </summary>
public sealed class MemStatsSeries
{
    /// <summary>A series over <paramref name="snapshots"/> in the order taken; computes the time axis once.</summary>
    public MemStatsSeries(string source, IReadOnlyList<MemStatsSnapshot> snapshots, SkippedLines? skipped = null)
    {
        Source = source;
        Snapshots = snapshots;
        Skipped = skipped ?? new SkippedLines();
        (TimeSource, Times) = ComputeTimes(snapshots);
    }

    /// <summary>File name(s) or URL the snapshots came from.</summary>
    public string Source { get; }

    public IReadOnlyList<MemStatsSnapshot> Snapshots { get; }

    /// <summary>Lines (or documents) that were not MemStats.</summary>
    public SkippedLines Skipped { get; }

    public MemStatsTimeSource TimeSource { get; }

    /// <summary>Per snapshot: seconds since the first (<see cref="MemStatsTimeSource.Timestamps"/>) or its position (<see cref="MemStatsTimeSource.Order"/>).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The name of the time axis column: "time_s" or "snapshot".</summary>
    public string TimeColumnName => TimeSource == MemStatsTimeSource.Timestamps ? "time_s" : "snapshot";

    private static (MemStatsTimeSource, double[]) ComputeTimes(IReadOnlyList<MemStatsSnapshot> snapshots)
    {
        var times = new double[snapshots.Count];
        if (snapshots.Count > 0 && snapshots.All(s => s.Timestamp is not null))
        {
            var first = snapshots[0].Timestamp!.Value;
            for (int i = 0; i < times.Length; i++) times[i] = (snapshots[i].Timestamp!.Value - first).Ticks / 1e7;
            return (MemStatsTimeSource.Timestamps, times);
        }
        if (snapshots.Count > 0 && snapshots.All(s => s.ElapsedSeconds is not null))
        {
            var first = snapshots[0].ElapsedSeconds!.Value;
            for (int i = 0; i < times.Length; i++) times[i] = snapshots[i].ElapsedSeconds!.Value - first;
            return (MemStatsTimeSource.Timestamps, times);
        }
        for (int i = 0; i < times.Length; i++) times[i] = i;
        return (MemStatsTimeSource.Order, times);
    }

    /// <summary>
    /// One row per snapshot: the time axis (time_s or snapshot), timestamp (ISO 8601, blank when absent),
    /// goroutines, every <see cref="MemStatsCounter"/> as a snake_case column of exact unsigned integers
    /// (heap_alloc, heap_inuse, …, num_gc), gc_cpu_fraction, then one column per extra number (e.g.
    /// expvar's "handled"). Ring buffers and BySize are not flattened (see <see cref="MemStatsSnapshot"/>).
    /// Missing values are null.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        int n = Snapshots.Count;
        var columns = new List<DataFrameColumn>
        {
            new DoubleDataFrameColumn(TimeColumnName, Times),
            new StringDataFrameColumn("timestamp", Snapshots.Select(s => s.Timestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"))),
            new Int64DataFrameColumn("goroutines", Snapshots.Select(s => s.Goroutines)),
        };
        foreach (var counter in Enum.GetValues<MemStatsCounter>())
            columns.Add(new UInt64DataFrameColumn(ColumnName(counter), Snapshots.Select(s => s[counter])));
        columns.Add(new DoubleDataFrameColumn("gc_cpu_fraction", Snapshots.Select(s => s.GCCPUFraction)));
        foreach (var extra in Snapshots.SelectMany(s => s.Extras.Keys).Distinct().Order(StringComparer.Ordinal))
            columns.Add(new DoubleDataFrameColumn("extra_" + extra, Snapshots.Select(s => s.Extras.TryGetValue(extra, out var v) ? v : (double?)null)));
        return new DataFrame(columns);
    }

    /// <summary>snake_case column name of a counter: HeapAlloc → heap_alloc, GCSys → gc_sys, NextGC → next_gc, MSpanInuse → mspan_inuse.</summary>
    public static string ColumnName(MemStatsCounter counter) => counter switch
    {
        MemStatsCounter.GCSys => "gc_sys",
        MemStatsCounter.NextGC => "next_gc",
        MemStatsCounter.LastGC => "last_gc",
        MemStatsCounter.NumGC => "num_gc",
        MemStatsCounter.NumForcedGC => "num_forced_gc",
        MemStatsCounter.MSpanInuse => "mspan_inuse",
        MemStatsCounter.MSpanSys => "mspan_sys",
        MemStatsCounter.MCacheInuse => "mcache_inuse",
        MemStatsCounter.MCacheSys => "mcache_sys",
        MemStatsCounter.PauseTotalNs => "pause_total_ns",
        _ => SnakeCase(counter.ToString()),
    };

    private static string SnakeCase(string name)
    {
        var result = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) result.Append('_');
            result.Append(char.ToLowerInvariant(name[i]));
        }
        return result.ToString();
    }
}
