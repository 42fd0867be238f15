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
        $"{Suspect} {(Instances > 1 ? "retain" : "retains")} {RetainedBytes:N0} bytes in {RetainedObjects:N0} objects ({Share:P1} of the reachable heap); "
        + (AccumulationPoint == Suspect
            ? "no single object below it holds most of that"
            : $"it accumulates in {AccumulationPoint}{(AccumulationSite.Length > 0 ? $" (allocated at {AccumulationSite})" : "")}, "
              + $"which retains {AccumulationRetainedBytes:N0} bytes over {AccumulationChildren:N0} dominated objects");
}

/// <summary>The suspects, largest first (<c>gomemlab heapdump suspects</c>), and the share threshold used.</summary>
public sealed record LeakSuspectReport(IReadOnlyList<LeakSuspect> Rows, double Threshold, long ReachableBytes)
{
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
