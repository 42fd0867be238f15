using GoMemLab.Tables;
using Microsoft.Data.Analysis;

namespace GoMemLab.HeapDumps.Rows;

/// <summary>
/// The one-row summary of a dump (<c>gomemlab heapdump info</c>). Reachable means reachable from the roots; garbage is
/// the rest (WriteHeapDump runs no GC). Sampled objects and bytes are those with an allocation site: every object when
/// the program set MemProfileRate = 1, about one per MemProfileRate bytes allocated otherwise (512 KiB by default).
/// </summary>
public sealed record HeapDumpInfo(long Objects, long Bytes, long ReachableObjects, long ReachableBytes, long GarbageObjects,
    long GarbageBytes, int Roots, string GoVersion, int PointerSize, int Goroutines, long SampledObjects, long SampledBytes,
    long? MemStatsHeapAlloc, string Architecture) : ITableResult
{
    /// <summary>What each column of <see cref="ToDataFrame()"/> means (the reference pages print it; a test checks it matches the
    /// columns).</summary>
    public static IReadOnlyDictionary<string, string> ColumnMeanings { get; } = new Dictionary<string, string>
    {
        ["objects"] = "Heap objects in the dump, garbage included (WriteHeapDump runs no GC).",
        ["bytes"] = "Their bytes, at the size the runtime allocated (the size class): equals the dump's MemStats HeapAlloc.",
        ["reachable_objects"] = "Objects the GC roots reach.",
        ["reachable_bytes"] = "Their bytes: what HeapAlloc would read after a GC.",
        ["garbage_objects"] = "Objects no root reaches: the next GC frees them.",
        ["garbage_bytes"] = "Their bytes.",
        ["roots"] = "GC roots that reference at least one heap object.",
        ["go_version"] = "The Go version of the program, from the dump's params record.",
        ["pointer_size"] = "Pointer size in bytes (8 on 64-bit platforms).",
        ["goroutines"] = "Goroutines in the dump (every one but dead ones).",
        ["sampled_objects"] =
            "Objects with an allocation site (all with runtime.MemProfileRate = 1; about one per 512 KiB allocated by default).",
        ["sampled_bytes"] = "Their bytes.",
        ["memstats_heap_alloc"] = "runtime.MemStats.HeapAlloc as the runtime read it at the dump.",
        ["architecture"] = "GOARCH of the program.",
    };

    /// <summary>The CLI's CSV contract, in this order (extra columns follow).</summary>
    public const string CsvHeader =
        "objects,bytes,reachable_objects,reachable_bytes,garbage_objects,garbage_bytes,roots,go_version,pointer_size";

    /// <summary>One row: the contract columns, then goroutines, sampled_objects, sampled_bytes, memstats_heap_alloc,
    /// architecture.</summary>
    public DataFrame ToDataFrame() => new(
        new Int64DataFrameColumn("objects", [Objects]),
        new Int64DataFrameColumn("bytes", [Bytes]),
        new Int64DataFrameColumn("reachable_objects", [ReachableObjects]),
        new Int64DataFrameColumn("reachable_bytes", [ReachableBytes]),
        new Int64DataFrameColumn("garbage_objects", [GarbageObjects]),
        new Int64DataFrameColumn("garbage_bytes", [GarbageBytes]),
        new Int32DataFrameColumn("roots", [Roots]),
        new StringDataFrameColumn("go_version", [GoVersion]),
        new Int32DataFrameColumn("pointer_size", [PointerSize]),
        new Int32DataFrameColumn("goroutines", [Goroutines]),
        new Int64DataFrameColumn("sampled_objects", [SampledObjects]),
        new Int64DataFrameColumn("sampled_bytes", [SampledBytes]),
        new Int64DataFrameColumn("memstats_heap_alloc", [MemStatsHeapAlloc]),
        new StringDataFrameColumn("architecture", [Architecture]));
}
