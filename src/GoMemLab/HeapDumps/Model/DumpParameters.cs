namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// The params record of a heap dump: how the program that wrote it laid out memory. <see cref="ArenaStart"/> and
/// <see cref="ArenaEnd"/> bound the heap arenas in use (Go 1.19's dumpparams: the lowest and highest arena), so every heap
/// object lies between them.
/// </summary>
public sealed record DumpParameters(bool BigEndian, int PointerSize, ulong ArenaStart, ulong ArenaEnd, string Architecture,
    string GoVersion, int CpuCount);
