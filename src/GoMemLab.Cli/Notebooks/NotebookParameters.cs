using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoMemLab.Inputs;

namespace GoMemLab.Cli.Notebooks;

/// <summary>
/// Papermill's convention for C# notebooks: `--param name=value` values are injected as a new cell right after the
/// cell tagged `parameters`, so they override the defaults declared there. Each value is typed by its parameter's
/// declaration (<see cref="NotebookParameterReader"/>): a string stays a string even when it looks like a number, a
/// string array takes repeated `--param name=…` or one JSON array, and a declaration computed from an overridden
/// parameter (`var heapLatest = heapSnapshots[^1];`) is computed again from the new value.
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

    /// <summary>
    /// The C# source of the injected cell: one typed declaration per parameter given (a repeated name is one array),
    /// then the declarations of the parameters cell that read an overridden one, again.
    /// </summary>
    /// <exception cref="ArgumentException">a name the notebook does not declare, a value that is not of the parameter's
    /// type, a repeated name that is not an array, or a parameter whose type the command line cannot set.</exception>
    public static string InjectedCell(string notebookName, IReadOnlyList<NotebookParameter> declared, IEnumerable<(string Name,
        string Value)> given)
    {
        var code = new StringBuilder("// Parameters injected by gomemlab run\n");
        var overridden = new HashSet<string>();
        foreach (var group in given.GroupBy(p => p.Name))
        {
            var parameter = declared.FirstOrDefault(p => p.Name == group.Key) ?? throw new ArgumentException(Unknown(notebookName,
                declared, group.Key));
            var values = group.Select(p => p.Value).ToList();
            code.Append($"{parameter.Type} {parameter.Name} = {Literal(parameter, values)};\n");
            overridden.Add(parameter.Name);
        }
        foreach (var derived in declared.Where(p => !overridden.Contains(p.Name) && p.DependsOn.Any(overridden.Contains)))
        {
            code.Append($"var {derived.Name} = {derived.Initializer}; // recomputed from "
                + $"{string.Join(", ", derived.DependsOn.Where(overridden.Contains))}\n");
            overridden.Add(derived.Name);
        }
        return code.ToString();
    }

    /// <summary>
    /// The values with each relative path the user gave from their shell's folder (<paramref name="callerFolder"/>) made relative
    /// to the notebook's folder, where its cells run. A string or string-array value is such a path when, from the caller's
    /// folder and not from the notebook's, it names a file, a folder or files matching a '*' pattern, or — for a file still to be
    /// written — has a folder part that exists (<c>prof/report.html</c>). Other values (a bare name, a label) are kept.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> FromCallerFolder(IReadOnlyList<(string Name, string Value)> given,
        IReadOnlyList<NotebookParameter> declared, string callerFolder, string notebookFolder)
    {
        string Rebase(string value)
        {
            if (value.Length == 0 || Path.IsPathRooted(value)) return value;
            bool Names(string folder) => InputFile.Matching(Path.Combine(folder, value)).Count > 0 || Directory.Exists(Path.Combine(folder,
                value))
                || Path.GetDirectoryName(value) is { Length: > 0 } parent && Directory.Exists(Path.Combine(folder, parent));
            return Names(callerFolder) && !Names(notebookFolder)
                ? Path.GetRelativePath(notebookFolder, Path.GetFullPath(value, callerFolder)).Replace('\\', '/')
                : value;
        }
        return given.Select(p => declared.FirstOrDefault(d => d.Name == p.Name)?.Kind switch
        {
            ParameterKind.String => (p.Name, Rebase(p.Value)),
            ParameterKind.StringArray when p.Value.TrimStart().StartsWith('[') => (p.Name, RebaseJson(p.Value, Rebase)),
            ParameterKind.StringArray => (p.Name, Rebase(p.Value)),
            _ => p,
        }).ToList();
    }

    private static string RebaseJson(string json, Func<string, string> rebase)
    {
        try
        {
            return JsonSerializer.Serialize((JsonSerializer.Deserialize<string[]>(json) ?? []).Select(rebase));
        }
        catch (JsonException)
        {
            return json; // the type check reports it
        }
    }

    private static string Unknown(string notebookName, IReadOnlyList<NotebookParameter> declared, string name) => declared.Count == 0
        ? $"--param {name}: {notebookName} has no cell tagged `parameters`, so it takes no parameters"
        : $"--param {name}: {notebookName} has no parameter '{name}'; its parameters are "
        + $"{string.Join(", ", declared.Select(p => p.Name))} (--list-params)";

    /// <summary>The C# expression for <paramref name="values"/> as the parameter's type.</summary>
    internal static string Literal(NotebookParameter parameter, IReadOnlyList<string> values)
    {
        if (parameter.Kind == ParameterKind.StringArray)
            return "new string[] { " + string.Join(", ", ArrayItems(parameter, values).Select(StringLiteral)) + " }";
        if (values.Count > 1)
            throw new ArgumentException($"--param {parameter.Name} is given {values.Count} times, but it is {Article(parameter.Type)} "
                + $"{parameter.Type}, not an array");
        var value = values[0];
        return parameter.Kind switch
        {
            ParameterKind.String => StringLiteral(value),
            ParameterKind.Bool => value.Trim().ToLowerInvariant() is "true" or "false" ? value.Trim().ToLowerInvariant()
                : throw Mismatch(parameter, value, "true or false"),
            ParameterKind.Number => NumberLiteral(parameter, value),
            _ => throw new ArgumentException($"--param {parameter.Name}: its type {parameter.Type} cannot be set from the command line "
                + "(string, number, bool and string[] can); edit the notebook's parameters cell instead"),
        };
    }

    private static IEnumerable<string> ArrayItems(NotebookParameter parameter, IReadOnlyList<string> values)
    {
        if (values.Count != 1 || !values[0].TrimStart().StartsWith('[')) return values;
        try
        {
            return JsonSerializer.Deserialize<string[]>(values[0]) ?? [];
        }
        catch (JsonException)
        {
            throw Mismatch(parameter, values[0], "a JSON array of strings, such as [\"a.pb.gz\",\"b.pb.gz\"], or one value per --param");
        }
    }

    private static string NumberLiteral(NotebookParameter parameter, string value)
    {
        var text = value.Trim();
        var integral = parameter.Type is "int" or "long";
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            if (parameter.Type == "int" && (l < int.MinValue || l > int.MaxValue))
                throw Mismatch(parameter, value, "a whole number that fits an int");
            return l.ToString(CultureInfo.InvariantCulture) + (parameter.Type == "long" ? "L" : "");
        }
        if (!integral && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d.ToString("R", CultureInfo.InvariantCulture) + (parameter.Type switch { "float" => "f", "decimal" => "m", _ => "d" });
        throw Mismatch(parameter, value, integral ? "a whole number" : "a number, such as 0.5");
    }

    private static ArgumentException Mismatch(NotebookParameter parameter, string value, string expected) =>
        new($"--param {parameter.Name}={value}: {parameter.Name} is {Article(parameter.Type)} {parameter.Type}; give {expected}");

    private static string Article(string type) => "aeiou".Contains(char.ToLowerInvariant(type[0])) ? "an" : "a";

    private static string StringLiteral(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
