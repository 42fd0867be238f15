using GoMemLab.Inputs;
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
/// MemStats readings in the order they were taken, with what was skipped reading them. The readings come from
/// MemStats JSON lines, expvar, a debug=1 trailer, runtime/metrics JSON lines or Prometheus (a scrape, a live
/// /metrics, query answers), all in the same columns. Prometheus inputs can hold several label sets: each
/// reading names its <see cref="MemStatsSnapshot.Series"/>, readings are grouped by series, and the analyses
/// answer per series. Time comes from the readings' timestamps when all of them have one (else elapsed seconds
/// when all have that), as seconds since the earliest; otherwise from their order within their series — then
/// slopes are per snapshot, not per minute.
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
        SeriesNames = snapshots.Select(s => s.Series).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Loads one file, or every file matching a '*' / '?' pattern in the file-name part (e.g. "leaky-vars-*.json",
    /// "scrape-*.prom") in ordinal name order, as one series. The format is read from the content (see
    /// docs/formats: MemStats JSON lines, expvar JSON, runtime/metrics JSON lines, a Prometheus scrape or query
    /// answer, a debug=1 heap profile; gzip too). Throws <see cref="InputFormatException"/> naming the file (and
    /// line) for a missing file, a pattern matching nothing, malformed input or input without a single reading;
    /// a cancel is seen between files and every few thousand lines.
    /// </summary>
    public static MemStatsSeries Load(string pathOrPattern, CancellationToken cancel = default) => MemStatsLoader.Load(pathOrPattern,
        cancel);

    /// <summary>
    /// Loads several files (or patterns) in the given order as one series (expvar bodies saved one per poll, one scrape
    /// per file, one query answer per metric: answers combine by label set and time). Errors as for one file.
    /// </summary>
    public static MemStatsSeries Load(IReadOnlyList<string> paths, CancellationToken cancel = default) => MemStatsLoader.Load(paths,
        cancel);

    /// <summary>
    /// <see cref="Load(string, CancellationToken)"/> off the caller's thread; for an http(s) URL, one reading fetched
    /// now (an expvar <c>/debug/vars</c> or a Prometheus <c>/metrics</c> endpoint, told apart by the body; 5 s
    /// deadline). Poll a URL over time with <see cref="MemStatsPoller"/>.
    /// </summary>
    public static async Task<MemStatsSeries> LoadAsync(string pathOrUrl, CancellationToken cancel = default)
    {
        if (!HttpInput.IsUrl(pathOrUrl)) return await Task.Run(() => Load(pathOrUrl, cancel), cancel).ConfigureAwait(false);
        using var poller = new MemStatsPoller(HttpInput.ParseUrl(pathOrUrl));
        return GroupedBySeries(pathOrUrl, await poller.FetchAsync(cancel).ConfigureAwait(false));
    }

    /// <summary>Parses content already in memory (any of the formats of <see cref="Load(string, CancellationToken)"/>); <paramref
    /// name="source"/> names it in errors.</summary>
    public static MemStatsSeries Parse(byte[] content, string source, CancellationToken cancel = default) => MemStatsLoader.Parse(content,
        source, cancel);

    /// <summary>Parses text already in memory (a notebook cell, a test).</summary>
    public static MemStatsSeries Parse(string text, string source = "(text)") => Parse(System.Text.Encoding.UTF8.GetBytes(text), source);

    /// <summary>File name(s) or URL the snapshots came from.</summary>
    public string Source { get; }

    public IReadOnlyList<MemStatsSnapshot> Snapshots { get; }

    /// <summary>Lines (or documents) that were not MemStats, and samples of other Prometheus metrics (counted, ignored).</summary>
    public SkippedLines Skipped { get; }

    public MemStatsTimeSource TimeSource { get; }

    /// <summary>
    /// Per snapshot: seconds since the earliest (<see cref="MemStatsTimeSource.Timestamps"/>) or its position within
    /// its series (<see cref="MemStatsTimeSource.Order"/>).
    /// </summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The label sets in the order first seen; one empty name for an unlabelled series.</summary>
    public IReadOnlyList<string> SeriesNames { get; }

    /// <summary>True when the readings carry Prometheus labels (then tables add a series column).</summary>
    public bool HasLabels => SeriesNames.Any(n => n.Length > 0);

    /// <summary>The name of the time axis column: "time_s" or "snapshot".</summary>
    public string TimeColumnName => TimeSource == MemStatsTimeSource.Timestamps ? "time_s" : "snapshot";

    /// <summary>
    /// A series over <paramref name="snapshots"/> in the order taken, readings of several label sets grouped by series (in
    /// the order first seen, each keeping its own order) and numbered again (<see cref="MemStatsSnapshot.Sequence"/>).
    /// </summary>
    internal static MemStatsSeries GroupedBySeries(string source, IReadOnlyList<MemStatsSnapshot> snapshots, SkippedLines? skipped = null)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in snapshots) order.TryAdd(s.Series, order.Count);
        var grouped = order.Count > 1 ? snapshots.Select((s, i) => (s, i)).OrderBy(p => order[p.s.Series]).ThenBy(p => p.i).Select(p => p.s)
            : snapshots;
        return new MemStatsSeries(source, grouped.Select((s, i) => s with { Sequence = i }).ToList(), skipped);
    }

    /// <summary>The readings of one label set, as a series of their own; an unknown name gives <see cref="ArgumentException"/>.</summary>
    public MemStatsSeries ForSeries(string series) =>
        SeriesNames.Contains(series, StringComparer.Ordinal)
            ? new MemStatsSeries(series.Length > 0 ? series : Source, Snapshots.Where(s => s.Series == series).ToList(), Skipped)
            : throw new ArgumentException($"no series {series} in {Source}; series: {string.Join("; ", SeriesNames)}");

    /// <summary>
    /// The leak signals of every series: heap_live_mb (when the source has the live heap: runtime/metrics 1.21+),
    /// heap_inuse_mb (heap_alloc_mb when HeapInuse is absent), heap_objects, next_gc_mb, goroutines; see
    /// <see cref="LeakSignal"/> for the rule and the floors. Labelled series carry their label set in <see cref="LeakSignal.Series"/>.
    /// </summary>
    public IReadOnlyList<LeakSignal> LeakSignals() => MemStatsLeakSignals.Of(this);

    /// <summary>The verdict over all signals (<see cref="LeakSignal.Overall"/>).</summary>
    public LeakVerdict Verdict() => LeakSignal.Overall(LeakSignals());

    /// <summary>One verdict per series with the heap's slope in MB/min and R² (the <c>memstats --verdict</c> table).</summary>
    public SeriesVerdicts Verdicts() => SeriesVerdicts.Of(this);

    /// <summary>The headline figures and the leak signals (<see cref="MemStatsSummary"/>).</summary>
    public MemStatsSummary Summary() => MemStatsSummary.Of(this);

    private static (MemStatsTimeSource, double[]) ComputeTimes(IReadOnlyList<MemStatsSnapshot> snapshots)
    {
        var times = new double[snapshots.Count];
        if (snapshots.Count > 0 && snapshots.All(s => s.Timestamp is not null))
        {
            var first = snapshots.Min(s => s.Timestamp!.Value);
            for (int i = 0; i < times.Length; i++) times[i] = (snapshots[i].Timestamp!.Value - first).Ticks / 1e7;
            return (MemStatsTimeSource.Timestamps, times);
        }
        if (snapshots.Count > 0 && snapshots.All(s => s.ElapsedSeconds is not null))
        {
            var first = snapshots[0].ElapsedSeconds!.Value;
            for (int i = 0; i < times.Length; i++) times[i] = snapshots[i].ElapsedSeconds!.Value - first;
            return (MemStatsTimeSource.Timestamps, times);
        }
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < times.Length; i++)
        {
            positions.TryGetValue(snapshots[i].Series, out var position);
            times[i] = position;
            positions[snapshots[i].Series] = position + 1;
        }
        return (MemStatsTimeSource.Order, times);
    }

    /// <summary>
    /// One row per snapshot: the time axis (time_s or snapshot), timestamp (ISO 8601, blank when absent),
    /// goroutines, every <see cref="MemStatsCounter"/> as a snake_case column of exact unsigned integers
    /// (heap_alloc, heap_inuse, …, num_gc), gc_cpu_fraction, then one column per extra number (e.g.
    /// expvar's "handled"). Columns after gc_cpu_fraction appear only when the input has them: series (the label
    /// set, Prometheus), heap_live, gogc, gomemlimit, rss and pause_qN_ns (the pause summary's quantiles, N in
    /// percent), then the extras. Ring buffers and BySize are not flattened (see <see cref="MemStatsSnapshot"/>).
    /// Missing values are null.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        int n = Snapshots.Count;
        var columns = new List<DataFrameColumn>
        {
            new DoubleDataFrameColumn(TimeColumnName, Times),
            new StringDataFrameColumn("timestamp", Snapshots.Select(s
                => s.Timestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"))),
            new Int64DataFrameColumn("goroutines", Snapshots.Select(s => s.Goroutines)),
        };
        foreach (var counter in Enum.GetValues<MemStatsCounter>())
            columns.Add(new UInt64DataFrameColumn(ColumnName(counter), Snapshots.Select(s => s[counter])));
        columns.Add(new DoubleDataFrameColumn("gc_cpu_fraction", Snapshots.Select(s => s.GCCPUFraction)));
        if (HasLabels) columns.Add(new StringDataFrameColumn("series", Snapshots.Select(s => s.Series)));
        if (Snapshots.Any(s => s.HeapLive is not null)) columns.Add(new UInt64DataFrameColumn("heap_live", Snapshots.Select(s
            => s.HeapLive)));
        if (Snapshots.Any(s => s.GcPercent is not null)) columns.Add(new Int64DataFrameColumn("gogc", Snapshots.Select(s => s.GcPercent)));
        if (Snapshots.Any(s => s.MemoryLimit is not null)) columns.Add(new UInt64DataFrameColumn("gomemlimit", Snapshots.Select(s
            => s.MemoryLimit)));
        if (Snapshots.Any(s => s.Rss is not null)) columns.Add(new UInt64DataFrameColumn("rss", Snapshots.Select(s => s.Rss)));
        foreach (var quantile in Snapshots.SelectMany(s => s.PauseQuantiles.Select(q => q.Quantile)).Distinct().Order())
            columns.Add(new UInt64DataFrameColumn(PauseQuantileColumn(quantile), Snapshots.Select(s => PauseAt(s, quantile))));
        foreach (var extra in Snapshots.SelectMany(s => s.Extras.Keys).Distinct().Order(StringComparer.Ordinal))
            columns.Add(new DoubleDataFrameColumn("extra_" + extra, Snapshots.Select(s => s.Extras.TryGetValue(extra, out var v) ? v
                : (double?)null)));
        return new DataFrame(columns);
    }

    private static ulong? PauseAt(MemStatsSnapshot snapshot, double quantile)
    {
        foreach (var q in snapshot.PauseQuantiles) if (q.Quantile == quantile) return q.Ns;
        return null;
    }

    /// <summary>The column of a pause quantile: 0.5 → pause_q50_ns, 0.99 → pause_q99_ns, 1 → pause_q100_ns.</summary>
    public static string PauseQuantileColumn(double quantile) =>
        "pause_q" + (quantile * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_') + "_ns";

    /// <summary>snake_case column name of a counter: HeapAlloc → heap_alloc, GCSys → gc_sys, NextGC → next_gc, MSpanInuse →
    /// mspan_inuse.</summary>
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
