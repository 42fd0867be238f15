using System.Globalization;
using System.Text.RegularExpressions;

namespace GoMemLab.Tests.Profiles;

/// <summary>One row of `go tool pprof -top` text: values as exact integers (unit suffix removed) and the inline mark split off the
/// name.</summary>
public sealed record PprofTopLine(string Name, long Flat, long Cum, bool Inline, bool PartialInline);

/// <summary>Reads the golden outputs written by data/gen/50-pprof-goldens.sh.</summary>
public static partial class PprofTopGolden
{
    // "%10s %s %s %10s %s  %s%s": flat, flat%, sum%, cum, cum%, two spaces, name and optional inline mark.
    [GeneratedRegex(@"^\s*(?<flat>\S+)\s+\S+%\s+\S+%\s+(?<cum>\S+)\s+\S+%  (?<name>.*?)(?: \((?<mark>inline|partial-inline)\))?$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(-?\d+)(?:B|ns)?$")]
    private static partial Regex Value();

    public static IReadOnlyList<PprofTopLine> Parse(string path)
    {
        var rows = new List<PprofTopLine>();
        var inTable = false;
        foreach (var line in File.ReadLines(path))
        {
            if (!inTable)
            {
                inTable = line.TrimStart().StartsWith("flat  flat%", StringComparison.Ordinal);
                continue;
            }
            var m = Row().Match(line);
            if (!m.Success) throw new FormatException($"{path}: unexpected pprof line: {line}");
            rows.Add(new PprofTopLine(m.Groups["name"].Value, Number(path, m.Groups["flat"].Value), Number(path, m.Groups["cum"].Value),
                m.Groups["mark"].Value == "inline", m.Groups["mark"].Value == "partial-inline"));
        }
        if (!inTable) throw new FormatException($"{path}: no pprof table header");
        return rows;
    }

    private static long Number(string path, string text)
    {
        var m = Value().Match(text);
        if (!m.Success) throw new FormatException($"{path}: '{text}' is not an exact integer value (was the golden made with -unit=B/ns?)");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The total of a golden's "Showing nodes accounting for …, 100% of N[B] total" line.</summary>
    public static long Total(string path)
    {
        var header = File.ReadLines(path).First(l => l.StartsWith("Showing nodes", StringComparison.Ordinal));
        return long.Parse(Regex.Match(header, @"of (-?\d+)(?:B|ns)? total").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The lines of data/golden/pprof/cases.tsv as column-name → value maps.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Cases(string casesPath)
    {
        var lines = File.ReadAllLines(casesPath);
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => (IReadOnlyDictionary<string, string>)header.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }
}
