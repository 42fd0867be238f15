using System.Globalization;
using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Joins;
using GoMemLab.Reports;

namespace GoMemLab.HeapDumps;

/// <summary>
/// The holder of a heap profile's allocation site, from a heap dump of the same program: the root that keeps most of
/// the site's reachable sampled objects alive and a shortest path from it — what the "why on the heap" join and the
/// incident report add to a site. Goroutine roots running the same function count together ("31 goroutines running
/// main.archive"). A profile's <c>file:line</c> is matched as <see cref="HeapDump.HoldersOf"/> matches it, or with the
/// next line when the dump's site came from its stack's first frame (<see cref="AllocationSite.LineMayBeNext"/>).
/// Sites the dump does not have (not sampled, another build) give null; nothing here throws for an unknown site.
/// </summary>
public sealed class HeapDumpHolders(HeapDump dump) : ISuspectHolders
{
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);

    /// <summary>The dump the holders come from.</summary>
    public HeapDump Dump { get; } = dump;

    /// <inheritdoc />
    public string? HeldBy(SiteLeakSuspect suspect) => HeldBy(suspect.Site.Site);

    /// <summary>
    /// "ROOT via PATH (N% of the site's reachable bytes)" for a profile's site <c>file:line</c>, or null when the dump
    /// has no reachable objects there.
    /// </summary>
    public string? HeldBy(string site)
    {
        if (_cache.TryGetValue(site, out var known)) return known;
        var report = Find(site) is { } dumpSite ? Dump.HoldersOf(dumpSite) : null;
        return _cache[site] = report is null || report.Rows.Count == 0 ? null : Describe(report);
    }

    private string? Find(string site)
    {
        var colon = site.LastIndexOf(':');
        if (colon <= 0 || !long.TryParse(site.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line))
            return null;
        var file = site[..colon];
        var next = $"{file}:{line + 1}";
        AllocationSite? exact = null, following = null;
        foreach (var s in Dump.Sites)
        {
            if (Matches(s.Site, site)) exact ??= s;
            else if (s.LineMayBeNext && Matches(s.Site, next)) following ??= s;
        }
        return (exact ?? following)?.Site;
    }

    private static bool Matches(string dumpSite, string profileSite) =>
        dumpSite == profileSite || dumpSite.EndsWith("/" + profileSite, StringComparison.Ordinal)
        || profileSite.EndsWith("/" + dumpSite, StringComparison.Ordinal);

    private static string Describe(SiteHolderReport report)
    {
        var total = report.Rows.Sum(r => r.Bytes);
        // Goroutines running one function hold as one: the leak is the group, not goroutine 4711.
        var groups = report.Rows
            .GroupBy(r => r.Kind == RootKind.Goroutine ? GoroutineFunction(r.Root) : r.Root)
            .Select(g => (Key: g.Key, Count: g.Count(), Bytes: g.Sum(r => r.Bytes), First: g.First(),
            Goroutines: g.First().Kind == RootKind.Goroutine))
            .OrderByDescending(g => g.Bytes).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var top = groups[0];
        var name = top.Goroutines ? $"{top.Count:N0} goroutine{(top.Count == 1 ? "" : "s")} running {top.Key}" : top.Key;
        var share = total > 0 ? (double)top.Bytes / total : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} via {Shorten(top.First.Path)} ({share:P0} of the site's reachable bytes)");
    }

    // A path of a dozen addresses says little past its ends: keep the root, its first object and the target.
    private static string Shorten(string path)
    {
        var nodes = path.Split(" → ");
        return nodes.Length <= 5 ? path : $"{nodes[0]} → {nodes[1]} → … {nodes.Length - 3} more … → {nodes[^1]}";
    }

    // A goroutine root is named "goroutine ID ENTRY".
    private static string GoroutineFunction(string root)
    {
        var parts = root.Split(' ', 3);
        return parts.Length == 3 ? parts[2] : root;
    }
}
