using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.Profiles.Analyses;

/// <summary>
/// One function of <see cref="AllocVsInuse"/>: raw bytes and object counts, flat (or cum) as <see cref="Top"/> counts them.
/// </summary>
public record AllocVsInuseRow(string Function, long AllocSpace, long AllocObjects, long InuseSpace, long InuseObjects)
{
    /// <summary>inuse_space / alloc_space: the share of what was ever allocated that is still held; null when alloc_space is 0.</summary>
    public double? RetentionRatio => AllocSpace == 0 ? null : (double)InuseSpace / AllocSpace;

    /// <summary>alloc_space / alloc_objects in bytes; null when alloc_objects is 0.</summary>
    public double? AverageObjectSize => AllocObjects == 0 ? null : (double)AllocSpace / AllocObjects;
}

/// <summary>
/// The result of <see cref="AllocVsInuse.Compute"/>: rows ordered by inuse_space, then alloc_space (both descending),
/// then name. A function that appears in any of the four sample types' reports appears, with 0 elsewhere.
/// </summary>
public sealed record AllocVsInuseReport(IReadOnlyList<AllocVsInuseRow> Rows, bool Cumulative) : ITableResult
{
    /// <summary>The column order, a CSV contract of <c>gomemlab pprof compare</c>.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["function", "alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "retention_ratio", "avg_object_size"];

    /// <summary>What each column of <see cref="ToDataFrame"/> means.</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["function"] = CommonColumns.Function,
        ["alloc_space"] = CommonColumns.AllocSpace,
        ["alloc_objects"] = CommonColumns.AllocObjects,
        ["inuse_space"] = CommonColumns.InuseSpace,
        ["inuse_objects"] = CommonColumns.InuseObjects,
        ["retention_ratio"] = CommonColumns.RetentionRatio,
        ["avg_object_size"] = "alloc_space / alloc_objects, in bytes (empty when nothing was allocated).",
    };

    /// <summary>Columns <see cref="Columns"/>: raw bytes and counts, retention_ratio and avg_object_size (null when undefined).</summary>
    public DataFrame ToDataFrame() => Frame(Rows);

    internal static DataFrame Frame(IReadOnlyList<AllocVsInuseRow> rows) => new(
        new StringDataFrameColumn("function", rows.Select(r => r.Function)),
        new Int64DataFrameColumn("alloc_space", rows.Select(r => r.AllocSpace)),
        new Int64DataFrameColumn("alloc_objects", rows.Select(r => r.AllocObjects)),
        new Int64DataFrameColumn("inuse_space", rows.Select(r => r.InuseSpace)),
        new Int64DataFrameColumn("inuse_objects", rows.Select(r => r.InuseObjects)),
        new DoubleDataFrameColumn("retention_ratio", rows.Select(r => r.RetentionRatio)),
        new DoubleDataFrameColumn("avg_object_size", rows.Select(r => r.AverageObjectSize)));
}
