namespace GoMemLab.Joins;

/// <summary>The shape of a leak, read from why its site is on the heap; each has a usual remedy (<see cref="LeakRemedy"/>).</summary>
public enum LeakPattern
{
    /// <summary>Sent on a channel (or a goroutine's own memory): a goroutine blocked forever keeps what it holds.</summary>
    BlockedGoroutine,
    /// <summary>Map buckets, or values stored into a map element: a map or cache that never forgets.</summary>
    UnboundedMap,
    /// <summary>Append's growth, or values appended: a slice that only grows.</summary>
    GrowingSlice,
    /// <summary>Stored where it outlives its function (a global, a long-lived struct), with no collection in the flow.</summary>
    LongLivedReference,
    /// <summary>Nothing in the evidence says what keeps it.</summary>
    Unknown,
}

/// <summary>The <c>ToText()</c> of <see cref="LeakPattern"/>, for tables.</summary>
public static class LeakPatternText
{
    public static string ToText(this LeakPattern pattern) => pattern switch
    {
        LeakPattern.BlockedGoroutine => "blocked-goroutine",
        LeakPattern.UnboundedMap => "unbounded-map",
        LeakPattern.GrowingSlice => "growing-slice",
        LeakPattern.LongLivedReference => "long-lived-reference",
        LeakPattern.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };
}

/// <summary>
/// The usual remedy for a leak suspect, chosen by its pattern. The pattern is read from the join (<see cref="WhyOnHeapRow"/>): the
/// runtime cause (<c>map-growth</c>, <c>append-growth</c>, <c>channel</c>, <c>goroutine</c>), the compiler's flow (a send
/// <c>(send)</c>, a map element <c>m[k] = v</c> or <c>map put</c>, an <c>append(</c>), a function named for a cache, and the retention
/// (a slice that doubles keeps about half of what it allocated; nearly all kept means many slices, each held), then the escape
/// cause. First match wins, in that order: a value sent on a channel may also be stored elsewhere, but the send is what blocks.
/// Caveats: this names a likely shape, not a proof — which variable or goroutine actually holds the memory needs a heap dump
/// (its path to a root), which <c>IncidentReport</c> shows when given one.
/// </summary>
/// <param name="Pattern">The leak's shape.</param>
/// <param name="Evidence">What in the join showed the pattern, e.g. "the compiler's flow ends in a channel send".</param>
/// <param name="Remedy">The usual fix, in one or two sentences.</param>
public sealed record LeakRemedy(LeakPattern Pattern, string Evidence, string Remedy)
{
    /// <summary>The remedy for <paramref name="suspect"/> (never null: <see cref="LeakPattern.Unknown"/> says how to find out).</summary>
    public static LeakRemedy For(SiteLeakSuspect suspect) => For(suspect.Site);

    /// <summary>The remedy for one row of the join (see the class comment for the rules).</summary>
    public static LeakRemedy For(WhyOnHeapRow site)
    {
        var causes = site.Cause.Split("; ", StringSplitOptions.RemoveEmptyEntries);
        var flow = site.Flow;
        if (flow.Contains("(send)", StringComparison.Ordinal))
            return new(LeakPattern.BlockedGoroutine, "the compiler's flow ends in a channel send", BlockedGoroutine);
        if (causes.Contains("channel") || causes.Contains("goroutine"))
            return new(LeakPattern.BlockedGoroutine,
                $"allocated by the runtime for a {(causes.Contains("channel") ? "channel" : "goroutine")}", BlockedGoroutine);
        if (causes.Contains("map-growth"))
            return new(LeakPattern.UnboundedMap, "the runtime allocated map buckets (map-growth)", UnboundedMap);
        if (flow.Contains("map put", StringComparison.Ordinal) || MapElement(flow))
            return new(LeakPattern.UnboundedMap, "the compiler's flow stores it into a map or collection element", UnboundedMap);
        if (site.Function.Contains("cache", StringComparison.OrdinalIgnoreCase))
            return new(LeakPattern.UnboundedMap, $"allocated and kept by a cache ({site.Function})", UnboundedMap);
        // A slice that doubles frees its old arrays (it keeps about half of what it allocated); a site that keeps nearly all
        // its appends made a new slice each time, and something else holds them all.
        if (causes.Contains("append-growth") && site.RetentionRatio >= 0.9)
            return new(LeakPattern.LongLivedReference, "each append made a new slice and nearly all are still held", LongLivedReference);
        if (causes.Contains("append-growth"))
            return new(LeakPattern.GrowingSlice, "the runtime grew a slice (append-growth) and keeps part of what it allocated",
                GrowingSlice);
        if (flow.Contains("append(", StringComparison.Ordinal))
            return new(LeakPattern.GrowingSlice, "the compiler's flow appends it to a slice", GrowingSlice);
        if (causes.Contains("stored-in-global-or-heap") || causes.Contains("passed-to-leaking-parameter")
            || causes.Contains("returned-to-caller"))
            return new(LeakPattern.LongLivedReference, $"it escapes as {string.Join(", ", causes)}, and stays", LongLivedReference);
        return new(LeakPattern.Unknown, "the profile and logs do not show what keeps it", Unknown);
    }

    private const string BlockedGoroutine =
        "Give every goroutine a way out: close the channel when its reader goes away, select on ctx.Done() "
        + "with a context that is cancelled, or buffer the channel so the send cannot block. The goroutine profile (debug=2) shows "
        + "where they wait.";

    private const string UnboundedMap =
        "Bound the map or cache: evict entries (an LRU or a size cap) or expire them (a TTL), and delete keys you "
        + "are done with. A Go map keeps its buckets after deletes, so after a spike copy the live entries into a new map.";

    private const string GrowingSlice =
        "Bound the slice: a fixed-size ring buffer or a cap that drops the oldest, or reset it (nil, or s[:0] "
        + "after copying what you keep) when the work is done. A global slice is the usual holder.";

    private const string LongLivedReference =
        "Drop the reference when the work is done: delete it from the structure that keeps it, set the "
        + "field or global to nil, or keep a copy of the small part you need (strings.Clone of a substring, not the whole line).";

    private const string Unknown =
        "Find the holder: a heap dump (runtime/debug.WriteHeapDump, after runtime.GC()) names the root and the path "
        + "that keep these objects alive.";

    // "c.entries[id] = e (assign)": a store into an indexed element.
    private static bool MapElement(string flow) =>
        System.Text.RegularExpressions.Regex.IsMatch(flow, @"\w\[[^\]]+\] = \w");
}
