using System.Globalization;
using System.Text.RegularExpressions;

namespace GoMemLab.Tests.Profiles;

/// <summary>One row of `go tool pprof -top` text: values as exact integers (unit suffix removed) and the inline mark split off the
/// name.</summary>
public sealed record PprofTopLine(string Name, long Flat, long Cum, bool Inline, bool PartialInline);

/// <summary>The flat%, sum% and cum% columns of one `go tool pprof -top` row, as pprof printed them (trimmed).</summary>
public sealed record PprofTopPercents(string Flat, string Sum, string Cum);

/// <summary>pprof's "Showing nodes accounting for F, P of N total" line: F, P (as printed) and N.</summary>
public sealed record PprofTopShowing(long AccountedFor, string Percent, long Total);

/// <summary>Reads the golden outputs written by data/gen/50-pprof-goldens.sh.</summary>
public static partial class PprofTopGolden
{
    // "%10s %s %s %10s %s  %s%s": flat, flat%, sum%, cum, cum%, two spaces, name and optional inline mark.
    [GeneratedRegex(@"^\s*(?<flat>\S+)\s+(?<flatp>\S+%)\s+(?<sump>\S+%)\s+(?<cum>\S+)\s+(?<cump>\S+%)  "
        + @"(?<name>.*?)(?: \((?<mark>inline|partial-inline)\))?$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(-?\d+)(?:B|ns)?$")]
    private static partial Regex Value();

    public static IReadOnlyList<PprofTopLine> Parse(string path) => ParseRows(path).Select(r => r.Line).ToList();

    /// <summary>The flat%, sum% and cum% of each row, in the golden's order.</summary>
    public static IReadOnlyList<PprofTopPercents> Percents(string path) => ParseRows(path).Select(r => r.Percents).ToList();

    private static List<(PprofTopLine Line, PprofTopPercents Percents)> ParseRows(string path)
    {
        var rows = new List<(PprofTopLine, PprofTopPercents)>();
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
            rows.Add((new PprofTopLine(m.Groups["name"].Value, Number(path, m.Groups["flat"].Value), Number(path, m.Groups["cum"].Value),
                    m.Groups["mark"].Value == "inline", m.Groups["mark"].Value == "partial-inline"),
                new PprofTopPercents(m.Groups["flatp"].Value, m.Groups["sump"].Value, m.Groups["cump"].Value)));
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

    /// <summary>N of the golden's "Dropped N nodes (cum &lt;= X)" line (-nodefraction), 0 without one.</summary>
    public static int Dropped(string path)
    {
        var header = File.ReadLines(path).TakeWhile(l => !l.TrimStart().StartsWith("flat  flat%", StringComparison.Ordinal))
            .FirstOrDefault(l => l.StartsWith("Dropped ", StringComparison.Ordinal) && l.Contains(" nodes ", StringComparison.Ordinal));
        if (header is null) return 0;
        var m = Regex.Match(header, @"^Dropped (\d+) nodes \(cum <= \S+\)$");
        if (!m.Success) throw new FormatException($"{path}: unexpected pprof header: {header}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The golden's "Showing nodes accounting for F, P% of N total" line.</summary>
    public static PprofTopShowing Showing(string path)
    {
        var header = File.ReadLines(path).First(l => l.StartsWith("Showing nodes", StringComparison.Ordinal));
        var m = Regex.Match(header, @"^Showing nodes accounting for (?<sum>\S+), (?<pct>\S+%) of (?<total>\S+) total$");
        if (!m.Success) throw new FormatException($"{path}: unexpected pprof header: {header}");
        return new PprofTopShowing(Number(path, m.Groups["sum"].Value), m.Groups["pct"].Value, Number(path, m.Groups["total"].Value));
    }

    /// <summary>
    /// A percentage as pprof prints it, trimmed: Go 1.19's cmd/vendor/github.com/google/pprof/internal/measurement/
    /// measurement.go, Percentage: "  100%" from 99.95 to 100.05, "%5.2f%%" from 1, "%5.2g%%" below (two significant
    /// digits, an exponent below 1e-4). <paramref name="ratio"/> is |value / total| × 100, as pprof computes it.
    /// </summary>
    public static string Percentage(double ratio)
    {
        if (ratio >= 99.95 && ratio <= 100.05) return "100%";
        if (ratio >= 1.0) return ratio.ToString("F2", CultureInfo.InvariantCulture) + "%";
        // .NET's G2 and Go's %.2g agree on the digits and on when to switch to an exponent (below 1e-4); Go spells it e-05.
        return ratio.ToString("G2", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal) + "%";
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
