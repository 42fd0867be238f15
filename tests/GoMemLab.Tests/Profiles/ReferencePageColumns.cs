using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// The "Output columns" section of a committed reference page, docs/reference/cli/PAGE.md: the CSV header the
/// command printed while the page was generated, and the meaning its table gives each column (markdown unescaped).
/// The pages are generated from the commands, reviewed and committed; a drift test keeps them current.
/// </summary>
public static partial class ReferencePageColumns
{
    [GeneratedRegex(@"^\| `(?<column>[^`]+)` \| (?<meaning>.*) \|$")]
    private static partial Regex MeaningRow();

    /// <summary>The columns of the page's CSV header, in order; throws when the page prints none.</summary>
    public static IReadOnlyList<string> CsvHeader(string page)
    {
        var lines = Section(page);
        var fence = lines.FindIndex(l => l == "```text");
        if (fence < 0) throw new InvalidOperationException($"{page}: no CSV header under Output columns");
        return lines[fence + 1].Split(',');
    }

    /// <summary>Column → meaning, as the page's table prints it (a `\|` in a cell read back as `|`).</summary>
    public static IReadOnlyDictionary<string, string> Meanings(string page) => Section(page)
        .Select(l => MeaningRow().Match(l)).Where(m => m.Success)
        .ToDictionary(m => m.Groups["column"].Value, m => m.Groups["meaning"].Value.Replace("\\|", "|", StringComparison.Ordinal));

    private static List<string> Section(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "reference", "cli", page + ".md"));
        var start = Array.IndexOf(lines, "## Output columns");
        if (start < 0) throw new InvalidOperationException($"{page}: no Output columns section");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
    }
}
