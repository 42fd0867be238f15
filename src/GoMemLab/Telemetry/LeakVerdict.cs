namespace GoMemLab.Telemetry;

/// <summary>The plain answer of <see cref="LeakSignal"/>.</summary>
public enum LeakVerdict
{
    /// <summary>Too few points (or no time span) to say anything.</summary>
    InsufficientData,
    /// <summary>No consistent trend beyond the threshold.</summary>
    Steady,
    /// <summary>A consistent upward trend beyond the threshold: what a leak looks like.</summary>
    Growing,
    /// <summary>A consistent downward trend beyond the threshold.</summary>
    Shrinking,
}

/// <summary>Lower-case words for verdicts, as tables and reports print them.</summary>
public static class LeakVerdictText
{
    public static string ToText(this LeakVerdict verdict) => verdict switch
    {
        LeakVerdict.Growing => "growing",
        LeakVerdict.Shrinking => "shrinking",
        LeakVerdict.Steady => "steady",
        LeakVerdict.InsufficientData => "insufficient data",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
