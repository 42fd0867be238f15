namespace GoMemLab.Cli.Notebooks;

/// <summary>What `--param name=value` accepts for a parameter, from the C# type of its declaration.</summary>
public enum ParameterKind
{
    /// <summary>Any text, injected as a C# string literal.</summary>
    String,

    /// <summary>An integer or a decimal number, checked against the declared numeric type.</summary>
    Number,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>A string array: repeat `--param name=…`, or give a JSON array of strings.</summary>
    StringArray,

    /// <summary>Any other type (a DateTime, a list…): it keeps its default; the command line cannot set it.</summary>
    Unsupported,
}

/// <summary>
/// One variable declared in a notebook's cell tagged `parameters`: <c>var heap4 = "../data/…"; // the last snapshot</c>.
/// <see cref="Type"/> is the C# type the compiler infers (string, int, double, bool, string[]…); <see cref="Default"/> is
/// the initializer as written (a string literal's text without quotes); <see cref="Description"/> the comment on the
/// declaration's line, or the comment lines right above it, or null; <see cref="DependsOn"/> the parameters declared
/// before it that its initializer reads (`var heapLatest = heapSnapshots[^1];` depends on heapSnapshots).
/// </summary>
public sealed record NotebookParameter(
    string Name, ParameterKind Kind, string Type, string Default, string? Description, IReadOnlyList<string> DependsOn, string Initializer);

/// <summary>The <c>ToText()</c> of <see cref="ParameterKind"/>, for tables and messages.</summary>
public static class ParameterKindText
{
    public static string ToText(this ParameterKind kind) => kind switch
    {
        ParameterKind.String => "string",
        ParameterKind.Number => "number",
        ParameterKind.Bool => "bool",
        ParameterKind.StringArray => "string array",
        ParameterKind.Unsupported => "not settable",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
