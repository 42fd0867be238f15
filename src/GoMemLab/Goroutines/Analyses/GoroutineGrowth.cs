using GoMemLab.Tables;
using GoMemLab.Telemetry;
using Microsoft.Data.Analysis;

namespace GoMemLab.Goroutines.Analyses;

/// <summary>
/// Goroutines per group (start function, creation site or state) across snapshots of one program, with the
/// project's leak verdict per group: <see cref="LeakSignal.Assess"/> on the counts against minutes — the rule
/// the gctrace and MemStats signals use (at least 5 snapshots; Theil–Sen slope; growing when the change over
/// the window exceeds 10% of the group's median count and at least <see cref="AbsoluteFloor"/> goroutines, with R² ≥ 0.5).
/// <para>
/// Snapshot times: <c>times</c> when given, else each dump's <see cref="GoroutineDump.CapturedAt"/> (protobuf files and
/// URLs have one, text files do not). Snapshots are ordered by time, and no two may share one.
/// </para>
/// </summary>
public sealed class GoroutineGrowth : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["key"] = "The group, as in the top table of the same grouping.",
        ["first"] = "Goroutines in the group in the earliest snapshot (0 when absent).",
        ["last"] = "Goroutines in the group in the latest snapshot.",
        ["delta"] = "last − first.",
        ["slope_per_min"] = "Goroutines per minute: the Theil–Sen slope over the snapshots' times that the verdict is judged on.",
        ["verdict"] = "growing, steady, shrinking or insufficient data (fewer than 5 snapshots): the leak rule of the gctrace and MemStats "
            + "signals, with a floor of 10 goroutines.",
        ["r_squared"] = "R² of that line (empty when the count never changes).",
        ["threshold"] = "The change over the window the verdict needed: 10% of the group's median count, at least 10 goroutines.",
        ["snapshots_present"] = "In how many snapshots the group has goroutines.",
        ["evidence"] = "The verdict in one sentence.",
    };

    /// <summary>The smallest change over the window that can count as growth, in goroutines (as for the MemStats goroutines
    /// signal).</summary>
    public const double AbsoluteFloor = 10;

    /// <summary>The CSV header of <see cref="ToDataFrame"/>; the first six columns are a contract.</summary>
    public const string CsvHeader = "key,first,last,delta,slope_per_min,verdict,r_squared,threshold,snapshots_present,evidence";

    private GoroutineGrowth(GoroutineGrouping by, IReadOnlyList<string> sources, IReadOnlyList<DateTimeOffset> times,
        IReadOnlyList<GoroutineGrowthRow> rows)
    {
        By = by;
        Sources = sources;
        Times = times;
        Rows = rows;
    }

    public GoroutineGrouping By { get; }

    /// <summary>The snapshots' sources, in time order.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The snapshots' times, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Times { get; }

    /// <summary>Minutes since the first snapshot, per snapshot.</summary>
    public IReadOnlyList<double> Minutes => Times.Select(t => (t - Times[0]).TotalMinutes).ToList();

    /// <summary>One row per group seen in any snapshot: growing groups first (by slope), then the rest by slope, then key.</summary>
    public IReadOnlyList<GoroutineGrowthRow> Rows { get; }

    /// <summary>The row of the group with this key, or null.</summary>
    public GoroutineGrowthRow? Find(string key) => Rows.FirstOrDefault(r => r.Key == key);

    /// <summary>
    /// Groups the snapshots by <paramref name="by"/> and judges each group's trend. Throws <see cref="ArgumentException"/>
    /// when a snapshot has no time and none is given, or two share one; <see cref="Inputs.InputFormatException"/> when a
    /// snapshot's form cannot be grouped that way (creation and state need debug=2).
    /// </summary>
    public static GoroutineGrowth Compute(IReadOnlyList<GoroutineDump> snapshots, GoroutineGrouping by = GoroutineGrouping.Start,
        IReadOnlyList<DateTimeOffset>? times = null)
    {
        if (snapshots.Count == 0) throw new ArgumentException("no snapshots given");
        if (times is not null && times.Count != snapshots.Count)
            throw new ArgumentException($"{times.Count} times given for {snapshots.Count} snapshots");
        var stamped = snapshots.Select((d, i) => (Dump: d, Time: times?[i] ?? d.CapturedAt ?? throw new ArgumentException(
                $"{d.Source} has no capture time ({d.Form.ToText()} text does not record one): give the snapshot times or the interval "
                    + $"between them")))
            .OrderBy(s => s.Time).ToList();
        for (var i = 1; i < stamped.Count; i++)
            if (stamped[i].Time == stamped[i - 1].Time)
                throw new ArgumentException($"{stamped[i - 1].Dump.Source} and {stamped[i].Dump.Source} have the same time "
                    + $"{stamped[i].Time:O}");

        var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var i = 0; i < stamped.Count; i++)
            foreach (var group in stamped[i].Dump.Top(by).Rows)
            {
                if (!counts.TryGetValue(group.Key, out var series)) counts.Add(group.Key, series = new long[stamped.Count]);
                series[i] = group.Count;
            }
        var minutes = stamped.Select(s => (s.Time - stamped[0].Time).TotalMinutes).ToArray();
        var rows = counts.Select(c =>
        {
            var signal = LeakSignal.Assess(c.Key, "goroutines", "min", minutes, c.Value.Select(v => (double)v).ToArray(), AbsoluteFloor);
            return new GoroutineGrowthRow(c.Key, c.Value, signal.Slope, signal);
        });
        var ordered = rows.OrderBy(r => r.Verdict == LeakVerdict.Growing ? 0 : 1).ThenByDescending(r => double.IsNaN(r.SlopePerMinute) ? 0
            : r.SlopePerMinute)
            .ThenByDescending(r => r.Last).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new GoroutineGrowth(by, stamped.Select(s => s.Dump.Source).ToList(), stamped.Select(s => s.Time).ToList(), ordered);
    }

    /// <summary>As <see cref="Compute(IReadOnlyList{GoroutineDump}, GoroutineGrouping, IReadOnlyList{DateTimeOffset}?)"/> for snapshots
    /// taken every <paramref name="interval"/>, in the order given.</summary>
    public static GoroutineGrowth Compute(IReadOnlyList<GoroutineDump> snapshots, TimeSpan interval,
        GoroutineGrouping by = GoroutineGrouping.Start)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentException($"the interval between snapshots must be positive, got {interval}");
        return Compute(snapshots, by, snapshots.Select((_, i) => DateTimeOffset.UnixEpoch + interval * i).ToList());
    }

    /// <summary>
    /// One row per group: <c>key,first,last,delta,slope_per_min,verdict</c> (the contract), then <c>r_squared</c>, <c>threshold</c>
    /// (the change in goroutines the verdict needed), <c>snapshots_present</c> and <c>evidence</c> (the verdict in one sentence).
    /// </summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("key", Rows.Select(r => r.Key)),
        new Int64DataFrameColumn("first", Rows.Select(r => r.First)),
        new Int64DataFrameColumn("last", Rows.Select(r => r.Last)),
        new Int64DataFrameColumn("delta", Rows.Select(r => r.Delta)),
        new DoubleDataFrameColumn("slope_per_min", Rows.Select(r => Round(r.SlopePerMinute))),
        new StringDataFrameColumn("verdict", Rows.Select(r => r.Verdict.ToText())),
        new DoubleDataFrameColumn("r_squared", Rows.Select(r => Round(r.Signal.RSquared))),
        new DoubleDataFrameColumn("threshold", Rows.Select(r => Round(r.Signal.Threshold))),
        new Int32DataFrameColumn("snapshots_present", Rows.Select(r => r.Counts.Count(c => c > 0))),
        new StringDataFrameColumn("evidence", Rows.Select(r => r.Signal.Evidence)));

    /// <summary>The counts as a long table for charts: <c>key</c>, <c>snapshot</c> (0-based, time order), <c>source</c>, <c>minutes</c>,
    /// <c>count</c>.</summary>
    public DataFrame Series()
    {
        var minutes = Minutes;
        var key = new StringDataFrameColumn("key");
        var snapshot = new Int32DataFrameColumn("snapshot");
        var source = new StringDataFrameColumn("source");
        var at = new DoubleDataFrameColumn("minutes");
        var count = new Int64DataFrameColumn("count");
        foreach (var row in Rows)
            for (var i = 0; i < row.Counts.Count; i++)
            {
                key.Append(row.Key);
                snapshot.Append(i);
                source.Append(Sources[i]);
                at.Append(Math.Round(minutes[i], 4));
                count.Append(row.Counts[i]);
            }
        return new DataFrame(key, snapshot, source, at, count);
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : v;
}
