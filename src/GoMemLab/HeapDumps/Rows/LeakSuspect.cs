using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// A leak suspect as Eclipse MAT reports one: a top-level dominator (a root, or an object several roots share) — or a
/// group of goroutines started by one function — that retains more than a tenth of the reachable heap, and its
/// accumulation point: where, following the biggest child down the dominator tree, the retained size stops being
/// held by one child (e.g. a map's bucket array over its entries). <see cref="Chain"/> is the dominator chain from the
/// suspect to that point.
/// </summary>
public sealed record LeakSuspect(string Suspect, string Kind, int Instances, long RetainedBytes, long RetainedObjects, double Share,
    string AccumulationPoint, string AccumulationSite, long AccumulationRetainedBytes, int AccumulationChildren, string Chain)
{
    /// <summary>One sentence for people.</summary>
    public string Description =>
        $"{Suspect} {(Instances > 1 ? "retain" : "retains")} {RetainedBytes:N0} bytes in {RetainedObjects:N0} objects ({Share:P1} of "
            + $"the reachable heap); "
        + (AccumulationPoint == Suspect
            ? "no single object below it holds most of that"
            : $"it accumulates in {AccumulationPoint}{(AccumulationSite.Length > 0 ? $" (allocated at {AccumulationSite})" : "")}, "
              + $"which retains {AccumulationRetainedBytes:N0} bytes over {AccumulationChildren:N0} dominated objects");
}

/// <summary>The suspects, largest first (<c>gomemlab heapdump suspects</c>), and the share threshold used.</summary>
public sealed record LeakSuspectReport(IReadOnlyList<LeakSuspect> Rows, double Threshold, long ReachableBytes) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["suspect"] = "A root (or an object several roots share) that retains more than the threshold (10% by default) of the reachable "
            + "bytes, or `N goroutines running F` when they do together.",
        ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
        ["instances"] = "How many roots the suspect stands for (1, or the goroutines of a group).",
        ["retained_bytes"] = "Bytes the suspect keeps alive.",
        ["retained_objects"] = "Objects it keeps alive.",
        ["share"] = "retained_bytes as a share of the reachable bytes.",
        ["accumulation_point"] =
            "Where the memory accumulates: following the biggest child down the dominator tree while it holds at least 80% of its parent.",
        ["accumulation_site"] = "Allocation site of the accumulation point (e.g. a map's buckets).",
        ["accumulation_retained_bytes"] = "Bytes the accumulation point keeps alive.",
        ["accumulation_children"] = "Objects it dominates directly (e.g. the map's entries).",
        ["chain"] = "The dominator chain from the suspect to the accumulation point.",
    };

    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("suspect", Rows.Select(r => r.Suspect)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind)),
        new Int32DataFrameColumn("instances", Rows.Select(r => r.Instances)),
        new Int64DataFrameColumn("retained_bytes", Rows.Select(r => r.RetainedBytes)),
        new Int64DataFrameColumn("retained_objects", Rows.Select(r => r.RetainedObjects)),
        new DoubleDataFrameColumn("share", Rows.Select(r => r.Share)),
        new StringDataFrameColumn("accumulation_point", Rows.Select(r => r.AccumulationPoint)),
        new StringDataFrameColumn("accumulation_site", Rows.Select(r => r.AccumulationSite)),
        new Int64DataFrameColumn("accumulation_retained_bytes", Rows.Select(r => r.AccumulationRetainedBytes)),
        new Int32DataFrameColumn("accumulation_children", Rows.Select(r => r.AccumulationChildren)),
        new StringDataFrameColumn("chain", Rows.Select(r => r.Chain)));
}
