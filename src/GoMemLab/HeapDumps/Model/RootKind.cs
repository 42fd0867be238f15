namespace GoMemLab.HeapDumps.Model;

/// <summary>
/// What keeps heap objects alive from outside the heap, as the Go GC scans it: pointer words of the data and bss
/// segments (<see cref="Global"/>), a goroutine's stack frames, closure context, defer and panic records
/// (<see cref="Goroutine"/>, one root per goroutine), a finalizer (registered: it keeps what the object points to and
/// the finalizer closure; queued: also the object itself), and any other root record (<see cref="Other"/>).
/// </summary>
public enum RootKind
{
    Global,
    Goroutine,
    Finalizer,
    Other,
}

/// <summary>Text for <see cref="RootKind"/>: global, goroutine, finalizer, other (the CLI's <c>kind</c> column).</summary>
public static class RootKindText
{
    public static string ToText(this RootKind kind) => kind switch
    {
        RootKind.Global => "global",
        RootKind.Goroutine => "goroutine",
        RootKind.Finalizer => "finalizer",
        RootKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
