namespace GoMemLab.Joins;

/// <summary>
/// Allocations the escape analysis never decides about, recognised by the runtime function that makes
/// them: the heap is the only place these can live, whatever the compiler knows. Names are a table contract.
/// <list type="bullet">
/// <item><c>append-growth</c>: <c>runtime.growslice</c> — append's new backing array;</item>
/// <item><c>map-growth</c>: <c>runtime.mapassign*</c>, <c>makemap*</c>, <c>hashGrow</c>, <c>newoverflow</c>, <c>makeBucketArray</c> —
/// buckets;</item>
/// <item><c>channel</c>: <c>runtime.makechan*</c> — every channel (Go 1.19 to current);</item>
/// <item><c>goroutine</c>: <c>runtime.newproc*</c>, <c>malg</c> — a <c>go</c> statement's goroutine;</item>
/// <item><c>converted-to-interface</c>: <c>runtime.convT*</c>, <c>convI*</c> — boxing a value that does not fit in an interface
/// word.</item>
/// <item><c>string-conversion</c>: <c>concatstring*</c>, <c>slicebytetostring</c>, <c>stringtoslicebyte</c>, rune and int conversions,
/// <c>rawstring*</c>.</item>
/// </list>
/// <c>newobject</c>, <c>mallocgc</c>, <c>makeslice</c> and <c>newarray</c> are not here: those follow a heap decision.
/// </summary>
public static class RuntimeAllocationCause
{
    /// <summary>The cause name for a function (<c>runtime.growslice</c> or <c>growslice</c>), or null when it is not one of the
    /// above.</summary>
    public static string? Of(string function)
    {
        var name = function.StartsWith("runtime.", StringComparison.Ordinal) ? function[8..] : function;
        if (function.Contains('.') && !function.StartsWith("runtime.", StringComparison.Ordinal)) return null;
        if (name == "growslice") return "append-growth";
        if (name.StartsWith("mapassign", StringComparison.Ordinal) || name.StartsWith("makemap", StringComparison.Ordinal)
            || name is "hashGrow" or "newoverflow" or "makeBucketArray" or "growWork" or "evacuate")
            return "map-growth";
        if (name.StartsWith("makechan", StringComparison.Ordinal)) return "channel";
        if (name.StartsWith("newproc", StringComparison.Ordinal) || name == "malg") return "goroutine";
        if (name.StartsWith("convT", StringComparison.Ordinal) || name.StartsWith("convI",
            StringComparison.Ordinal)) return "converted-to-interface";
        if (name.StartsWith("concatstring", StringComparison.Ordinal) || name.StartsWith("rawstring", StringComparison.Ordinal)
            || name is "slicebytetostring" or "slicerunetostring" or "stringtoslicebyte" or "stringtoslicerune" or "intstring" or
            "rawbyteslice" or "rawruneslice")
            return "string-conversion";
        return null;
    }
}
