using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// One allocation site: its reachable sampled objects and their bytes, what they retain (the union of their dominator
/// subtrees: what each keeps alive on its own, Eclipse MAT's minimum retained size of a group), and its garbage (sampled
/// objects nothing reaches). Objects that only several of them keep alive together, or only together with objects of
/// other sites, are not counted: removing every object of the site may free more (MAT's precise retained size, one
/// walk of the heap per site).
/// </summary>
public sealed record SiteRetentionRow(string Site, string Function, long Objects, long Bytes, long RetainedBytes, long GarbageObjects,
    long GarbageBytes);

/// <summary>Sites by retained bytes, largest first (<c>gomemlab heapdump sites</c>), with how much of the heap has a site at all.</summary>
public sealed record SiteRetentionReport(IReadOnlyList<SiteRetentionRow> Rows, long SampledObjects, long SampledBytes, long Objects,
    long Bytes) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["site"] = "file:line of the first non-runtime frame of the allocation stack (from the dump's memprof buckets and alloc samples).",
        ["function"] = "That frame's function.",
        ["objects"] = "Reachable sampled objects allocated there.",
        ["bytes"] = "Their bytes.",
        ["retained_bytes"] = "What those objects keep alive each on its own: the union of their dominator subtrees (Eclipse MAT's minimum "
            + "retained size; a lower bound of what removing all of them frees).",
        ["garbage_objects"] = "Sampled objects allocated there that no root reaches.",
        ["garbage_bytes"] = "Their bytes.",
    };

    public const string CsvHeader = "site,function,objects,bytes,retained_bytes,garbage_objects,garbage_bytes";

    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("site", Rows.Select(r => r.Site)),
        new StringDataFrameColumn("function", Rows.Select(r => r.Function)),
        new Int64DataFrameColumn("objects", Rows.Select(r => r.Objects)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new Int64DataFrameColumn("retained_bytes", Rows.Select(r => r.RetainedBytes)),
        new Int64DataFrameColumn("garbage_objects", Rows.Select(r => r.GarbageObjects)),
        new Int64DataFrameColumn("garbage_bytes", Rows.Select(r => r.GarbageBytes)));

    /// <summary>One sentence on coverage: how many objects and bytes have a site (all of them only with MemProfileRate = 1).</summary>
    public string Coverage
        => $"{SampledObjects:N0} of {Objects:N0} objects ({SampledBytes:N0} of {Bytes:N0} bytes) have an allocation site";
}
