namespace GoMemLab.Escape;

/// <summary>What <see cref="EscapeCauseReport.Summary"/> counts heap escapes per.</summary>
public enum EscapeGrouping
{
    /// <summary>Per Go package (the log's <c># package</c> headers).</summary>
    Package,
    /// <summary>Per source file, as the log names it.</summary>
    File,
}

/// <summary>Spelling of <see cref="EscapeGrouping"/>: the summary's first column name, and the command line's values.</summary>
public static class EscapeGroupingText
{
    /// <summary><c>package</c> or <c>file</c>.</summary>
    public static string ToText(this EscapeGrouping grouping) => grouping switch
    {
        EscapeGrouping.Package => "package",
        EscapeGrouping.File => "file",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    /// <summary>Every spelling, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<EscapeGrouping>().Select(ToText)];

    /// <summary>Parses a spelling; throws <see cref="ArgumentException"/> listing the valid ones otherwise.</summary>
    public static EscapeGrouping Parse(string text)
    {
        foreach (var grouping in Enum.GetValues<EscapeGrouping>())
            if (string.Equals(grouping.ToText(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return grouping;
        throw new ArgumentException($"unknown grouping '{text}'; expected one of: {string.Join(", ", All)}");
    }
}
