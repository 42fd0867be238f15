namespace GoMemLab.Escape;

/// <summary>
/// What one compiler diagnostic of <c>-gcflags=-m</c> / <c>-m=2</c> says. The spelled names
/// (<see cref="EscapeKindText.ToText"/>) are a CLI and CSV contract and never change.
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

/// <summary>Spelling of <see cref="EscapeKind"/> in tables and on the command line (a CSV contract).</summary>
public static class EscapeKindText
{
    /// <summary>The contract name, e.g. <c>moved-to-heap</c>.</summary>
    public static string ToText(this EscapeKind kind) => kind switch
    {
        EscapeKind.MovedToHeap => "moved-to-heap",
        EscapeKind.EscapesToHeap => "escapes-to-heap",
        EscapeKind.DoesNotEscape => "does-not-escape",
        EscapeKind.LeakingParam => "leaking-param",
        EscapeKind.LeakingParamContent => "leaking-param-content",
        EscapeKind.LeakingParamToResult => "leaking-param-to-result",
        EscapeKind.ParamLeaks => "param-leaks",
        EscapeKind.CanInline => "can-inline",
        EscapeKind.CannotInline => "cannot-inline",
        EscapeKind.InliningCall => "inlining-call",
        EscapeKind.Devirtualized => "devirtualized",
        EscapeKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<EscapeKind>().Select(ToText)];

    /// <summary>Parses a contract name (case and surrounding spaces ignored); throws <see cref="ArgumentException"/> listing the valid
    /// names otherwise.</summary>
    public static EscapeKind Parse(string text)
    {
        foreach (var kind in Enum.GetValues<EscapeKind>())
            if (string.Equals(kind.ToText(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        throw new ArgumentException($"unknown escape kind '{text}'; expected one of: {string.Join(", ", All)}");
    }
}

/// <summary>What the kinds mean for the heap.</summary>
public static class EscapeKinds
{
    /// <summary>True for the two decisions that put something on the heap (moved-to-heap, escapes-to-heap).</summary>
    public static bool IsHeapDecision(this EscapeKind kind) => kind is EscapeKind.MovedToHeap or EscapeKind.EscapesToHeap;
}
