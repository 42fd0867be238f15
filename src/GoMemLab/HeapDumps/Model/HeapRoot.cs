namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// One GC root that points into the heap. <see cref="Name"/> is what tables show: the global's symbol
/// (<c>main.sessions</c>, <c>main.cache+0x8</c>) when the program's binary named it, else <c>data+0x…</c> /
/// <c>bss+0x…</c>; <c>goroutine ID ENTRY</c>; <c>finalizer on 0xOBJECT (FUNCTION)</c> or <c>queued finalizer …</c>;
/// an other-root record's own description. <see cref="Address"/> is the global's word, the goroutine's g, the
/// finalized object, or the other root's pointer.
/// </summary>
public sealed record HeapRoot(RootKind Kind, string Name, ulong Address)
{
    /// <summary>The goroutine's id, for <see cref="RootKind.Goroutine"/> roots.</summary>
    public long? GoroutineId { get; init; }

    /// <summary>"data" or "bss" for globals, with the word's offset in that segment.</summary>
    public string? Segment { get; init; }

    public ulong SegmentOffset { get; init; }

    /// <summary>The finalizer function's entry PC (finalizer roots), named from the binary when one is given.</summary>
    public ulong FunctionPc { get; init; }

    /// <summary>True for a finalizer queued to run (its object is kept too), false for a registered one.</summary>
    public bool Queued { get; init; }
}
