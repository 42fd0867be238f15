using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>One function of a <see cref="HeapTrend"/>: its values in the earliest and latest snapshot and the fit of a line through
/// all.</summary>
/// <param name="First">Value in the earliest snapshot (0 when the function is absent there).</param>
/// <param name="SlopePerMinute">Least-squares slope of the value over minutes, in the sample type's unit per minute.</param>
/// <param name="RSquared">Coefficient of determination of that line; null when the value never changes.</param>
/// <param name="SnapshotsPresent">How many snapshots list the function.</param>
public sealed record HeapTrendRow(string Function, long First, long Last, double SlopePerMinute, double? RSquared, int SnapshotsPresent)
{
    /// <summary>Last − first.</summary>
    public long Change => Last - First;
}

/// <summary>One function's value in one snapshot: the series behind a <see cref="HeapTrendRow"/>.</summary>
/// <param name="Snapshot">0-based position of the snapshot in time order.</param>
/// <param name="Minutes">Since the first snapshot.</param>
public sealed record HeapTrendPoint(string Function, int Snapshot, string Source, DateTimeOffset Time, double Minutes, long Value);

/// <summary>
/// The result of <see cref="HeapTrend.Compute"/>: <see cref="Rows"/> ranked by slope (descending, then change, then
/// name), <see cref="Points"/> one per function and snapshot (by function name, then time), and the sample type
/// the values are of.
/// </summary>
public sealed record HeapTrendReport(IReadOnlyList<HeapTrendRow> Rows, IReadOnlyList<HeapTrendPoint> Points, ProfileValueType SampleType)
    : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["function"] = CommonColumns.Function,
        ["first"] = "Value in the earliest snapshot (0 when the function is absent there).",
        ["last"] = "Value in the latest snapshot.",
        ["change"] = "last − first.",
        ["slope_per_minute"] = "Least-squares slope of the value over the snapshots' times, in the sample type's unit per minute.",
        ["r_squared"] = "R² of that line: near 1 is steady growth; empty when the value never changes.",
        ["snapshots_present"] = "In how many snapshots the function appears.",
    };

    /// <summary>What each column of <see cref="PointsToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> PointColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["function"] = CommonColumns.Function,
        ["snapshot"] = "Position of the snapshot in time order, from 0.",
        ["source"] = "The profile the value is from.",
        ["time"] = "The snapshot's collection time (UTC).",
        ["minutes"] = "Minutes since the first snapshot.",
        ["value"] = "The function's value in that snapshot, in the sample type's unit.",
    };

    /// <summary>The ranking: function, first, last, change, slope_per_minute, r_squared, snapshots_present.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("function", Rows.Select(r => r.Function)),
        new Int64DataFrameColumn("first", Rows.Select(r => r.First)),
        new Int64DataFrameColumn("last", Rows.Select(r => r.Last)),
        new Int64DataFrameColumn("change", Rows.Select(r => r.Change)),
        new DoubleDataFrameColumn("slope_per_minute", Rows.Select(r => r.SlopePerMinute)),
        new DoubleDataFrameColumn("r_squared", Rows.Select(r => r.RSquared)),
        new Int32DataFrameColumn("snapshots_present", Rows.Select(r => r.SnapshotsPresent)));

    /// <summary>The series as a long table for charts and ad-hoc queries: function, snapshot, source, time (UTC), minutes, value.</summary>
    public DataFrame PointsToDataFrame() => new(
        new StringDataFrameColumn("function", Points.Select(p => p.Function)),
        new Int32DataFrameColumn("snapshot", Points.Select(p => p.Snapshot)),
        new StringDataFrameColumn("source", Points.Select(p => p.Source)),
        new PrimitiveDataFrameColumn<DateTime>("time", Points.Select(p => p.Time.UtcDateTime)),
        new DoubleDataFrameColumn("minutes", Points.Select(p => p.Minutes)),
        new Int64DataFrameColumn("value", Points.Select(p => p.Value)));
}
