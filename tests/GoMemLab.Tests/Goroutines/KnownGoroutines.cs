using System.Text.Json;
using System.Text.RegularExpressions;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Goroutines;

/// <summary>
/// What data/go/goroutines/cmd/known started, from the expected.json it wrote (one entry per go statement, plus the
/// main goroutine), and the creation sites as `grep -n "// site: NAME"` finds them in its sources: the ground truth the
/// parsers' counts must equal.
/// </summary>
public sealed record KnownGoroutines(string GoVersion, int NumGoroutine, int HoldMinutes, IReadOnlyList<KnownGroup> Groups)
{
    public const string SourceFolder = "example.com/goroutines/cmd/known";

    public static KnownGoroutines Read(string expectedJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(expectedJson));
        var root = json.RootElement;
        var groups = root.GetProperty("groups").EnumerateArray().Select(g => new KnownGroup(
            g.GetProperty("start").GetString()!, g.GetProperty("state").GetString()!, g.GetProperty("count").GetInt32(),
            g.GetProperty("site").GetString()!, g.GetProperty("creator").GetString()!,
                g.GetProperty("locked_to_thread").GetInt32())).ToList();
        return new KnownGoroutines(root.GetProperty("go_version").GetString()!, root.GetProperty("num_goroutine").GetInt32(),
            root.GetProperty("hold_minutes").GetInt32(), groups);
    }

    /// <summary>Goroutines per start function.</summary>
    public IReadOnlyDictionary<string, long> ByStart => Sum(g => g.Start);

    /// <summary>Goroutines per state, in Go 1.19's words.</summary>
    public IReadOnlyDictionary<string, long> ByState => Sum(g => g.State);

    /// <summary>Goroutines per creation site, keyed as a debug=2 dump names it: <c>CREATOR (FILE:LINE)</c>.</summary>
    public IReadOnlyDictionary<string,
        long> ByCreation => Sum(g => g.Site.Length == 0 ? "(no creation site)" : $"{g.Creator} ({SiteLines[g.Site]})");

    /// <summary>Site name → <c>example.com/goroutines/cmd/known/FILE.go:LINE</c>, found in the Go sources the way grep would.</summary>
    public static IReadOnlyDictionary<string, string> SiteLines { get; } = FindSites();

    private IReadOnlyDictionary<string, long> Sum(Func<KnownGroup, string> key) =>
        Groups.GroupBy(key).ToDictionary(g => g.Key, g => (long)g.Sum(x => x.Count));

    private static Dictionary<string, string> FindSites()
    {
        var sites = new Dictionary<string, string>();
        var folder = RepoPaths.Data("go", "goroutines", "cmd", "known");
        foreach (var file in Directory.EnumerateFiles(folder, "*.go").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (Regex.Match(line, @"// site: (\S+)$") is { Success: true } site)
                    sites.Add(site.Groups[1].Value, $"{SourceFolder}/{Path.GetFileName(file)}:{number}");
            }
        }
        return sites;
    }
}

public sealed record KnownGroup(string Start, string State, int Count, string Site, string Creator, int LockedToThread);
