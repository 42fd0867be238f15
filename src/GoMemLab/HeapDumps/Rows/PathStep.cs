using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// One step of a shortest path from the roots: depth 0 is the root (named as in the roots table), each next row an
/// object the previous one points to, the last row the target. <see cref="Via"/> says where the root holds the first
/// object (the frame's function, "word"…).
/// </summary>
public sealed record PathStep(int Depth, string Node, string Kind, long Bytes, string Site, long RetainedBytes, string Via);

/// <summary>A path to an object (<c>gomemlab heapdump path</c>); empty when the target is garbage.</summary>
public sealed record PathReport(IReadOnlyList<PathStep> Rows, string Target) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["depth"] = "0 for the root, then one more per reference followed; the last row is the target.",
        ["node"] = "The root's name at depth 0, else the object's address.",
        ["kind"] = "global, goroutine, finalizer or other for a root; object for a heap object.",
        ["bytes"] = "The object's size (0 for a root).",
        ["site"] = "Allocation site of the object (file:line of the first non-runtime frame of its memprof bucket); empty when it was "
            + "not sampled.",
        ["retained_bytes"] = "Bytes the node alone keeps alive.",
        ["via"] = "Where the root holds the first object: the frame's function for a goroutine (\"(address-taken variable)\" when "
            + "through a stack variable), word for a global.",
    };

    public const string CsvHeader = "depth,node,kind,bytes,site";

    /// <summary>The contract columns, then retained_bytes and via.</summary>
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("depth", Rows.Select(r => r.Depth)),
        new StringDataFrameColumn("node", Rows.Select(r => r.Node)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind)),
        new Int64DataFrameColumn("bytes", Rows.Select(r => r.Bytes)),
        new StringDataFrameColumn("site", Rows.Select(r => r.Site)),
        new Int64DataFrameColumn("retained_bytes", Rows.Select(r => r.RetainedBytes)),
        new StringDataFrameColumn("via", Rows.Select(r => r.Via)));

    /// <summary>The path in one line: <c>root → node → … → target</c>.</summary>
    public override string ToString() => Rows.Count == 0 ? $"{Target}: not reachable" : string.Join(" → ", Rows.Select(r => r.Node));
}
