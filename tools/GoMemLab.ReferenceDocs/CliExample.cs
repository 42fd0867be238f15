namespace GoMemLab.ReferenceDocs;

/// <summary>One error a reference page shows: what goes wrong, and the command line that makes it happen.</summary>
public sealed record CliErrorCase(string Title, string[] Arguments);

/// <summary>
/// What the reference page of one leaf command runs. Arguments are written as on the page, relative to the
/// repository root (the generator runs them from there); tokens starting with <c>out/</c> land in a scratch folder
/// (see <see cref="CliArguments"/>).
/// </summary>
public sealed record CliExample(string Command)
{
    /// <summary>The representative invocation, run on the bundled artifacts; null with <see cref="NotRunBecause"/>.</summary>
    public string[]? Run { get; init; }

    /// <summary>For a command the generator cannot run (it needs Go, or it is the generator): the invocation to show and why.</summary>
    public (string[] Arguments, string Reason)? NotRunBecause { get; init; }

    /// <summary>Replaces output that differs per machine or run; <see cref="StabilisedWhat"/> tells the reader what was replaced.</summary>
    public Func<string, string>? Stabilise { get; init; }

    public string? StabilisedWhat { get; init; }

    /// <summary>For a table command that is not run: the source of its column names, said on the page.</summary>
    public (string Source, Func<Microsoft.Data.Analysis.DataFrame> Table)? ColumnsWithoutRun { get; init; }

    public IReadOnlyList<CliErrorCase> Errors { get; init; } = [];

    public static string[] Args(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
