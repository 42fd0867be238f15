using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// A node of the dominator tree: a root, or an object whose retained size is what it alone keeps alive.
/// <see cref="Id"/> and <see cref="ParentId"/> give the tree (ParentId 0 is the super-root, "all roots").
/// </summary>
public sealed record DominatorRow(int Id, int ParentId, int Depth, string Node, string Kind, long Bytes, long RetainedBytes,
    long RetainedObjects, string Site);

/// <summary>The top of the dominator tree (<c>gomemlab heapdump dominators</c>), children largest first, in tree order.</summary>
public sealed record DominatorReport(IReadOnlyList<DominatorRow> Rows, long ReachableBytes)
{
    public const string CsvHeader = "depth,node,kind,bytes,retained_bytes,retained_objects,site";

    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("depth", Rows.Select(r => r.Depth)),
        new StringDataFrameColumn("node", Rows.Select(r => r.Node)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new Int64DataFrameColumn("retained_bytes", Rows.Select(r => r.RetainedBytes)),
        new Int64DataFrameColumn("retained_objects", Rows.Select(r => r.RetainedObjects)),
        new StringDataFrameColumn("site", Rows.Select(r => r.Site)),
        new Int32DataFrameColumn("id", Rows.Select(r => r.Id)),
        new Int32DataFrameColumn("parent_id", Rows.Select(r => r.ParentId)));
}
