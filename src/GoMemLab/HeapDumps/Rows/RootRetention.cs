using GoMemLab.HeapDumps.Model;
using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// One root and what it alone keeps alive: the objects the GC would free if this root were gone (its dominator
/// subtree), and how many objects it references directly. Objects held by several roots count for none of them.
/// </summary>
public sealed record RootRetentionRow(string Root, RootKind Kind, long RetainedBytes, long RetainedObjects, int DirectObjects,
    long? GoroutineId, ulong Address);

/// <summary>Roots by retained bytes, largest first (<c>gomemlab heapdump roots</c>), and the reachable total they share.</summary>
public sealed record RootRetentionReport(IReadOnlyList<RootRetentionRow> Rows, long ReachableBytes) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["root"] = "The root: a global's symbol (`main.sessions`, `main.cache+0x8`) when the program's binary names the roots, else "
            + "`data+0x…`/`bss+0x…`; `goroutine ID ENTRY`; `finalizer on 0xOBJECT (FUNCTION)`.",
        ["kind"] = "Root kind: global (a pointer word of the data or bss segment), goroutine (all frames of one goroutine), finalizer, "
            + "other.",
        ["retained_bytes"] = "Bytes this root alone keeps alive: its dominator subtree, what a GC frees when the root goes.",
        ["retained_objects"] = "Objects in that subtree.",
        ["direct_objects"] = "Heap objects the root references itself.",
        ["share"] = "retained_bytes as a share of the reachable bytes.",
    };

    public const string CsvHeader = "root,kind,retained_bytes,retained_objects";

    /// <summary>The contract columns, then direct_objects (objects referenced from the root itself) and share (of the reachable
    /// bytes).</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn("root", Rows.Select(r => r.Root)),
        new StringDataFrameColumn("kind", Rows.Select(r => r.Kind.ToText())),
        new Int64DataFrameColumn("retained_bytes", Rows.Select(r => r.RetainedBytes)),
        new Int64DataFrameColumn("retained_objects", Rows.Select(r => r.RetainedObjects)),
        new Int32DataFrameColumn("direct_objects", Rows.Select(r => r.DirectObjects)),
        new DoubleDataFrameColumn("share", Rows.Select(r => ReachableBytes == 0 ? 0.0 : (double)r.RetainedBytes / ReachableBytes)));
}
