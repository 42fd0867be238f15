namespace GoMemLab.Goroutines;

/// <summary>
/// Which profile a dump is: every goroutine (<c>goroutine</c>), or only those the runtime proved leaked
/// (<c>goroutineleak</c>, Go 1.26+ with <c>GOEXPERIMENT=goroutineleakprofile</c>, on by default from 1.27).
/// Read from the <c>debug=1</c> header (<c>goroutineleak profile: total N</c>) or the protobuf sample type
/// (<c>goroutineleak/count</c>): runtime/pprof writes both from the profile's name (<c>printCountProfile</c>).
/// A <c>debug=2</c> goroutineleak dump lists every goroutine and marks the leaked ones' state <c>(leaked)</c>,
/// so it reads as <see cref="Goroutine"/> with <see cref="Goroutine.Leaked"/> set.
/// </summary>
public enum GoroutineProfileKind
{
    /// <summary>All goroutines (<c>goroutine</c> profile, tracebacks).</summary>
    Goroutines,
    /// <summary>Only the goroutines the GC found blocked on unreachable channels or locks (<c>goroutineleak</c>).</summary>
    LeakedGoroutines,
}

/// <summary>The profile name for <see cref="GoroutineProfileKind"/>, as runtime/pprof spells it.</summary>
public static class GoroutineProfileKindText
{
    public static string ToText(this GoroutineProfileKind kind) => kind switch
    {
        GoroutineProfileKind.Goroutines => "goroutine",
        GoroutineProfileKind.LeakedGoroutines => "goroutineleak",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
