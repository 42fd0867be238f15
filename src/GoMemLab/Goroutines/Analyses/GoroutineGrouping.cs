namespace GoMemLab.Goroutines.Analyses;

/// <summary>What goroutines are grouped by in <see cref="GoroutineGroups"/> and <see cref="GoroutineGrowth"/>.</summary>
public enum GoroutineGrouping
{
    /// <summary>The start function: the outermost frame Go shows (<see cref="StartFunction"/>). Every form has it.</summary>
    Start,
    /// <summary>The creation site: <c>F (file:line)</c> of the <c>created by</c> lines. debug=2 and tracebacks only.</summary>
    Creation,
    /// <summary>The state or wait reason as Go printed it (<c>chan receive</c>, <c>select</c>…). debug=2 and tracebacks only.</summary>
    State,
}

/// <summary>The <c>--by</c> words for <see cref="GoroutineGrouping"/>, and what each needs from a dump.</summary>
public static class GoroutineGroupingText
{
    public static string ToText(this GoroutineGrouping by) => by switch
    {
        GoroutineGrouping.Start => "start",
        GoroutineGrouping.Creation => "creation",
        GoroutineGrouping.State => "state",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>Every grouping's text, in declaration order (the command line's choices).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<GoroutineGrouping>().Select(g => g.ToText())];

    /// <summary>Parses start, creation or state; throws <see cref="ArgumentException"/> listing them otherwise.</summary>
    public static GoroutineGrouping Parse(string? text) => text switch
    {
        null or "" or "start" => GoroutineGrouping.Start,
        "creation" => GoroutineGrouping.Creation,
        "state" => GoroutineGrouping.State,
        _ => throw new ArgumentException($"grouping '{text}' must be one of: start, creation, state"),
    };

    /// <summary>What a dump must record to be grouped this way ("creation sites (created by …)", "states"), or null when every dump
    /// does.</summary>
    internal static string? Needs(this GoroutineGrouping by) => by switch
    {
        GoroutineGrouping.Creation => "creation sites (the 'created by' lines)",
        GoroutineGrouping.State => "goroutine states and wait times",
        _ => null,
    };
}
