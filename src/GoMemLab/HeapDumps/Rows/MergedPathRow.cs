using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// A node of the merged shortest paths: a root (depth 0) or a group of objects with one allocation site at one place
/// on the paths. <see cref="Objects"/> and <see cref="Bytes"/> count the target objects whose path passes here;
/// <see cref="Targets"/> those that end here. <see cref="ParentId"/> 0 is the top.
/// </summary>
public sealed record MergedPathRow(int Id, int ParentId, int Depth, string Node, string Kind, long Objects, long Bytes, long Targets);

/// <summary>The merged shortest paths of a set of objects, in tree order (parents first, bigger branches first).</summary>
public sealed record MergedPathReport(IReadOnlyList<MergedPathRow> Rows)
{
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("depth", Rows.Select(r => r.Depth)),
        new StringDataFrameColumn("node", Rows.Select(r => r.Node)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind)),
        new Int64DataFrameColumn("objects", Rows.Select(r => r.Objects)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new Int64DataFrameColumn("targets", Rows.Select(r => r.Targets)),
        new Int32DataFrameColumn("id", Rows.Select(r => r.Id)),
        new Int32DataFrameColumn("parent_id", Rows.Select(r => r.ParentId)));
}
