using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// Papermill's convention for C# notebooks: `--param name=value` values are injected as a new cell
/// right after the cell tagged `parameters`, so they override the defaults declared there.
/// Numbers and booleans become C# literals; anything else a string.
/// </summary>
public static partial class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses `name=value` pairs; throws ArgumentException naming the bad one.</summary>
    public static IReadOnlyList<(string Name, string Value)> Parse(IEnumerable<string> pairs)
    {
        var result = new List<(string, string)>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param '{pair}' must look like name=value");
            var name = pair[..eq].Trim();
            if (!Identifier().IsMatch(name)) throw new ArgumentException($"--param '{pair}': '{name}' is not a C# variable name");
            result.Add((name, pair[(eq + 1)..]));
        }
        return result;
    }

    /// <summary>The C# source of the injected cell.</summary>
    public static string InjectedCell(IEnumerable<(string Name, string Value)> parameters)
    {
        var code = new StringBuilder("// Parameters injected by gomemlab run\n");
        foreach (var (name, value) in parameters) code.Append($"var {name} = {Literal(value)};\n");
        return code.ToString();
    }

    internal static string Literal(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
            out var l)) return l.ToString(CultureInfo.InvariantCulture);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && value.Contains('.')) return d.ToString("R", CultureInfo.InvariantCulture);
        if (value is "true" or "false") return value;
        return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
