using Microsoft.Data.Analysis;

namespace GoMemLab.Cli.Notebooks;

/// <summary>`gomemlab run NB --list-params`: one row per parameter of the notebook.</summary>
public static class NotebookParameterTable
{
    /// <summary>
    /// Columns name, type (the C# type; "(fixed)" when the command line cannot set it), default (as written in the
    /// parameters cell), description (its comment; for an array, also how to give several values).
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<NotebookParameter> parameters) => new(
        new StringDataFrameColumn("name", parameters.Select(p => p.Name)),
        new StringDataFrameColumn("type", parameters.Select(p => p.Kind == ParameterKind.Unsupported ? p.Type + " (fixed)" : p.Type)),
        new StringDataFrameColumn("default", parameters.Select(p => p.Default)),
        new StringDataFrameColumn("description", parameters.Select(Description)));

    private static string Description(NotebookParameter p)
    {
        var text = p.Description ?? "";
        if (p.DependsOn.Count > 0) text = Join(text, $"computed from {string.Join(", ", p.DependsOn)} unless given");
        if (p.Kind == ParameterKind.StringArray) text = Join(text, $"several values: repeat --param {p.Name}=… or give a JSON array");
        return text;
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a.TrimEnd('.') + "; " + b;
}
