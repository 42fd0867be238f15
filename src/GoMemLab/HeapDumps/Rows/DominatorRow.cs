using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// A node of the dominator tree: a root, or an object whose retained size is what it alone keeps alive.
/// <see cref="Id"/> and <see cref="ParentId"/> give the tree (ParentId 0 is the super-root, "all roots").
/// </summary>
public sealed record DominatorRow(int Id, int ParentId, int Depth, string Node, string Kind, long Bytes, long RetainedBytes,
    long RetainedObjects, string Site);

/// <summary>The top of the dominator tree (<c>gomemlab heapdump dominators</c>), children largest first, in tree order.</summary>
public sealed record DominatorReport(IReadOnlyList<DominatorRow> Rows, long ReachableBytes) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["depth"] = "Depth in the dominator tree below the roots (0 for a root, or an object several roots share).",
        ["node"] = "The root's name, or the object's address.",
        ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
        ["bytes"] = "The node's own size (0 for a root).",
        ["retained_bytes"] = "Bytes the node alone keeps alive (its dominator subtree).",
        ["retained_objects"] = "Objects in that subtree.",
        ["site"] = "Allocation site of the object (file:line of the first non-runtime frame of its memprof bucket); empty when it was "
            + "not sampled.",
        ["id"] = "Row id, for parent_id.",
        ["parent_id"] = "The id of the dominator above (0 at the top).",
    };

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
