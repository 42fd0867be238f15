namespace GoMemLab.AssemblyListings;

/// <summary>
/// The runtime functions (Go 1.19 to current) whose call in compiled code allocates on the heap, or
/// may: <c>newobject</c>, <c>mallocgc</c>, <c>makeslice*</c>, <c>makemap*</c>, <c>makechan*</c>,
/// <c>growslice</c>, <c>mapassign*</c> (bucket growth), <c>convT*</c>, <c>concatstring*</c>, string/slice conversions, <c>intstring</c>.
/// Some of these take a stack buffer when the result does not escape (string conversions and
/// concatenation), and <c>growslice</c>/<c>mapassign*</c>/<c>convT*</c> may not allocate at run time (capacity
/// left, small values) — see <see cref="MayNotAllocate"/>.
/// </summary>
public static class AllocationFunctions
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "newobject", "mallocgc", "makeslice", "makeslice64", "makeslicecopy", "makemap", "makemap64", "makemap_small",
        "makechan", "makechan64", "growslice", "concatstrings", "slicebytetostring", "slicerunetostring",
        "stringtoslicebyte", "stringtoslicerune", "intstring", "rawstring", "newarray",
    };

    /// <summary>True when <paramref name="runtimeFunction"/> (without <c>runtime.</c>) allocates or may.</summary>
    public static bool IsAllocation(string runtimeFunction) =>
        Exact.Contains(runtimeFunction)
        || runtimeFunction.StartsWith("convT", StringComparison.Ordinal)
        || runtimeFunction.StartsWith("concatstring", StringComparison.Ordinal)
        || runtimeFunction.StartsWith("mapassign", StringComparison.Ordinal);

    /// <summary>
    /// Calls that often do not allocate at all or allocate without an escape decision: append
    /// growth, conversions that use a stack buffer for non-escaping results, small-value interface
    /// conversions served from static data.
    /// </summary>
    public static bool MayNotAllocate(string runtimeFunction) =>
        runtimeFunction is "growslice" or "slicebytetostring" or "slicerunetostring" or "stringtoslicebyte"
            or "stringtoslicerune" or "intstring" or "concatstrings"
        || runtimeFunction.StartsWith("concatstring", StringComparison.Ordinal)
        || runtimeFunction.StartsWith("convT", StringComparison.Ordinal)
        || runtimeFunction.StartsWith("mapassign", StringComparison.Ordinal);
}
