using GoMemLab.HeapDumps.Model;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// Who keeps an allocation site's objects alive: the root that alone retains them (their dominating root), or
/// "(several roots)" for objects that more than one root reaches, with one shortest path from <see cref="Root"/> (or,
/// for shared objects, from the nearest root) to the site's nearest such object, written <c>root → 0x… → 0x…</c>.
/// </summary>
public sealed record SiteHolderRow(string Site, string Root, RootKind? Kind, long Objects, long Bytes, string Path);

/// <summary>The holders of one site's reachable sampled objects, most bytes first.</summary>
public sealed record SiteHolderReport(string Site, IReadOnlyList<SiteHolderRow> Rows)
{
    /// <summary>The label used when no single root retains an object.</summary>
    public const string SeveralRoots = "(several roots)";

    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("site", Rows.Select(r => r.Site)),
        new StringDataFrameColumn("root", Rows.Select(r => r.Root)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind?.ToText() ?? "")),
        new Int64DataFrameColumn("objects", Rows.Select(r => r.Objects)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new StringDataFrameColumn("path", Rows.Select(r => r.Path)));
}
