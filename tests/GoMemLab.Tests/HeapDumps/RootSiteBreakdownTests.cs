using GoMemLab.HeapDumps;
using GoMemLab.HeapDumps.Model;
using GoMemLab.HeapDumps.Rows;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// Each big root's retained memory by allocation site (<c>RootSiteBreakdown</c>, the card's sunburst): what a root
/// alone keeps is what the roots without it no longer reach, grouped by the site of each object; what no one root
/// keeps alone is "(several roots)". Checked on the tiny dump, whose answer follows from how it was built, and on the
/// leaky service's dump against reachability walks.
/// </summary>
public class RootSiteBreakdownTests
{
    [Fact]
    public void The_tiny_dump_breaks_down_the_goroutine_and_the_shared_objects()
    {
        var dump = CommittedDumps.Tiny();
        const string Site = "example.com/tiny/main.go:7";
        // The goroutine alone keeps a (sampled) and b (not); c (sampled) and d (not) have two holders each. Equal bytes
        // list by site name. The roots that keep nothing alone have no rows.
        Assert.Equal(
        [
            ("goroutine 1 main.main", "goroutine", "(no site)", 32L, 1L),
            ("goroutine 1 main.main", "goroutine", Site, 32, 1),
            ("(several roots)", "", "(no site)", 64, 1),
            ("(several roots)", "", Site, 32, 1),
        ], dump.RootSiteBreakdown().Rows.Select(r => (r.Root, r.Kind, r.Site, r.Bytes, r.Objects)));
        Assert.Equal(160, dump.RootSiteBreakdown().ReachableBytes);
        // Only the biggest root when asked for one: d (64 bytes) is bigger but is an object, not a root.
        Assert.Equal(["goroutine 1 main.main", "(several roots)"], dump.RootSiteBreakdown(top: 1).Rows.Select(r => r.Root).Distinct());
    }

    [Fact]
    public void On_the_leaky_dump_each_of_the_biggest_roots_keeps_by_site_what_the_others_do_not_reach()
    {
        var dump = CommittedDumps.Leaky();
        var all = ReachabilityWalk.Reached(dump);
        // What each root alone keeps; the rest of the reachable objects is shared.
        var alone = Enumerable.Range(0, dump.Roots.Count)
            .Select(r => ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, removedRoot: r))).ToList();
        var kept = alone.SelectMany(x => x).ToHashSet();
        var shared = Enumerable.Range(0, all.Length).Where(i => all[i] && !kept.Contains(i)).ToList();
        Assert.NotEmpty(shared);
        const int Top = 4;
        var biggest = Enumerable.Range(0, dump.Roots.Count).OrderByDescending(r => ReachabilityWalk.Bytes(dump, alone[r]))
            .ThenBy(r => r).Take(Top).ToList();
        Assert.True(ReachabilityWalk.Bytes(dump, alone[biggest[^1]]) > ReachabilityWalk.Bytes(dump, alone[Top]),
            "the fourth and fifth roots differ, so the four biggest are one set");

        var rows = dump.RootSiteBreakdown(Top).Rows;
        var expected = biggest.SelectMany(r => BySite(dump, dump.Roots[r].Name, dump.Roots[r].Kind.ToText(), alone[r]))
            .Concat(BySite(dump, "(several roots)", "", shared));
        Assert.Equal(expected, rows);
    }

    // A group's objects by site, biggest first, equal bytes by site name.
    private static IEnumerable<RootSiteRow> BySite(HeapDump dump, string root, string kind, List<int> objects) =>
        objects.GroupBy(i => ReachabilityWalk.SiteOf(dump, i) is { Length: > 0 } s ? s : "(no site)")
            .Select(g => new RootSiteRow(root, kind, g.Key, ReachabilityWalk.Bytes(dump, g), g.Count()))
            .OrderByDescending(r => r.Bytes).ThenBy(r => r.Site, StringComparer.Ordinal);
}
