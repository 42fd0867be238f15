namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// The runtime.MemStats the runtime read at the start of the dump, with the world already stopped (fields in the order
/// of Go's dumpmemstats, which mirrors runtime.MemStats). WriteHeapDump runs no GC, so <see cref="HeapAlloc"/> counts
/// the garbage the dump also holds: compare it with the dump's object bytes, not with its reachable bytes.
/// </summary>
public sealed record DumpMemStats(
    ulong Alloc, ulong TotalAlloc, ulong Sys, ulong Lookups, ulong Mallocs, ulong Frees,
    ulong HeapAlloc, ulong HeapSys, ulong HeapIdle, ulong HeapInuse, ulong HeapReleased, ulong HeapObjects,
    ulong StackInuse, ulong StackSys, ulong MSpanInuse, ulong MSpanSys, ulong MCacheInuse, ulong MCacheSys,
    ulong BuckHashSys, ulong GCSys, ulong OtherSys, ulong NextGC, ulong LastGC, ulong PauseTotalNs,
    IReadOnlyList<ulong> PauseNs, uint NumGC)
{
    /// <summary>Number of uvarints in the record after the tag: 24 counters, 256 pauses, NumGC.</summary>
    internal const int FieldCount = 24 + 256 + 1;

    internal static DumpMemStats FromFields(ulong[] f) => new(
        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17],
        f[18], f[19], f[20], f[21], f[22], f[23], f.AsSpan(24, 256).ToArray(), (uint)f[280]);
}
