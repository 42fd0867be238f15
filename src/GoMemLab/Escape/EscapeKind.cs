namespace GoMemLab.Escape;

/// <summary>
/// What one compiler diagnostic of <c>-gcflags=-m</c> / <c>-m=2</c> says. The spelled names
/// (<see cref="EscapeKinds.Name"/>) are a CLI and CSV contract and never change.
/// </summary>
public enum EscapeKind
{
    /// <summary><c>moved to heap: x</c> — a variable is heap-allocated.</summary>
    MovedToHeap,
    /// <summary><c>EXPR escapes to heap</c> — an allocation (or an interface conversion's storage) is heap-allocated.</summary>
    EscapesToHeap,
    /// <summary><c>EXPR does not escape</c>.</summary>
    DoesNotEscape,
    /// <summary><c>leaking param: p</c>.</summary>
    LeakingParam,
    /// <summary><c>leaking param content: p</c>.</summary>
    LeakingParamContent,
    /// <summary><c>leaking param: p to result ~r0 level=0</c>.</summary>
    LeakingParamToResult,
    /// <summary><c>parameter p leaks to DEST with derefs=N</c> (only with <c>-m=2</c>; carries the flow).</summary>
    ParamLeaks,
    /// <summary><c>can inline F</c> (with <c>-m=2</c>: <c>with cost N as: …</c>).</summary>
    CanInline,
    /// <summary><c>cannot inline F: reason</c> (only with <c>-m=2</c>).</summary>
    CannotInline,
    /// <summary><c>inlining call to F</c>.</summary>
    InliningCall,
    /// <summary><c>devirtualizing x.M to T</c>.</summary>
    Devirtualized,
    /// <summary>Anything else, kept verbatim (e.g. <c>capturing by value</c>, <c>ignoring self-assignment</c>).</summary>
    Other,
}

/// <summary>Spelling of <see cref="EscapeKind"/> in tables and on the command line.</summary>
public static class EscapeKinds
{
    private static readonly string[] Names =
    [
        "moved-to-heap", "escapes-to-heap", "does-not-escape", "leaking-param", "leaking-param-content",
        "leaking-param-to-result", "param-leaks", "can-inline", "cannot-inline", "inlining-call", "devirtualized", "other",
    ];

    /// <summary>The contract name, e.g. <c>moved-to-heap</c>.</summary>
    public static string Name(this EscapeKind kind) => Names[(int)kind];

    /// <summary>All names in enum order.</summary>
    public static IReadOnlyList<string> AllNames => Names;

    /// <summary>Parses a contract name; throws <see cref="ArgumentException"/> listing the valid names otherwise.</summary>
    public static EscapeKind Parse(string name)
    {
        var i = Array.IndexOf(Names, name.Trim().ToLowerInvariant());
        if (i < 0) throw new ArgumentException($"unknown escape kind '{name}'; expected one of: {string.Join(", ", Names)}");
        return (EscapeKind)i;
    }

    /// <summary>True for the two decisions that put something on the heap (moved-to-heap, escapes-to-heap).</summary>
    public static bool IsHeapDecision(this EscapeKind kind) => kind is EscapeKind.MovedToHeap or EscapeKind.EscapesToHeap;
}
