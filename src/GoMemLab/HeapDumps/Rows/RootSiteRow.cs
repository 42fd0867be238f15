using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// What one root retains, by allocation site: the bytes and objects of its dominator subtree allocated at
/// <see cref="Site"/> ("(no site)" for unsampled objects). A root's rows add up to its retained bytes.
/// </summary>
public sealed record RootSiteRow(string Root, string Kind, string Site, long Bytes, long Objects);

/// <summary>The biggest roots broken down by site (the sunburst of <c>#!heapdump</c>: root → site).</summary>
public sealed record RootSiteReport(IReadOnlyList<RootSiteRow> Rows, long ReachableBytes)
{
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("root", Rows.Select(r => r.Root)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind)),
        new StringDataFrameColumn("site", Rows.Select(r => r.Site)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new Int64DataFrameColumn("objects", Rows.Select(r => r.Objects)));
}
