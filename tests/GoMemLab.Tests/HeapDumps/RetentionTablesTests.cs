using GoMemLab.HeapDumps;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.HeapDumps;

/// <summary>
/// The site and root tables of the leaky service's dump against reachability walks: a site's reachable objects are
/// those the roots reach, its garbage the rest; its retained bytes are what its objects keep alive each on its own (an
/// object counts when removing one object of the site frees it: the union of their dominator subtrees, Eclipse MAT's
/// minimum retained size), at most what removing all of them at once frees (MAT's precise retained size, which also
/// counts what only several of them hold together). Tables list the largest first and break ties by name.
/// </summary>
public class RetentionTablesTests
{
    [Fact]
    public void Each_site_retains_what_its_objects_free_one_at_a_time_at_most_what_they_free_together()
    {
        var dump = CommittedDumps.Leaky();
        var all = ReachabilityWalk.Reached(dump);
        var rows = dump.SiteRetention().Rows;
        var siteOf = Enumerable.Range(0, dump.Objects.Count).Select(i => ReachabilityWalk.SiteOf(dump, i)).ToArray();
        Assert.Equal(siteOf.Where(s => s.Length > 0).Distinct().Count(), rows.Count);
        int jointly = 0, exact = 0;
        foreach (var row in rows)
        {
            var objects = Enumerable.Range(0, dump.Objects.Count).Where(i => siteOf[i] == row.Site).ToList();
            var reachable = objects.Where(i => all[i]).ToList();
            var garbage = objects.Where(i => !all[i]).ToList();
            Assert.Equal((reachable.Count, ReachabilityWalk.Bytes(dump, reachable), garbage.Count, ReachabilityWalk.Bytes(dump, garbage)),
                (row.Objects, row.Bytes, row.GarbageObjects, row.GarbageBytes));
            var together = ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, i => siteOf[i] == row.Site));
            Assert.True(row.RetainedBytes <= ReachabilityWalk.Bytes(dump, together), row.Site);
            // One walk per object (a few thousand for the cache's sites) would take seconds: the exact check is for the
            // sites of up to 40 objects, nearly all of them.
            if (reachable.Count > 40) continue;
            exact++;
            var eachAlone = new HashSet<int>();
            foreach (var o in reachable) eachAlone.UnionWith(ReachabilityWalk.Freed(all, ReachabilityWalk.Reached(dump, i => i == o)));
            Assert.True(ReachabilityWalk.Bytes(dump, eachAlone) == row.RetainedBytes, $"{row.Site}: retains {row.RetainedBytes}, "
                + $"its objects one at a time free {ReachabilityWalk.Bytes(dump, eachAlone)}");
            if (row.RetainedBytes < ReachabilityWalk.Bytes(dump, together)) jointly++;
        }
        Assert.Contains(rows, r => r.RetainedBytes > r.Bytes); // sites whose objects hold others
        Assert.True(exact > rows.Count * 3 / 4, $"{exact} of {rows.Count} sites checked exactly");
        Assert.True(jointly > 0, "some site's objects hold memory only together (the two sizes differ on this dump)");
    }

    [Fact]
    public void The_site_table_counts_every_sampled_object_once_largest_first()
    {
        var dump = CommittedDumps.Leaky();
        var report = dump.SiteRetention();
        var sampled = Enumerable.Range(0, dump.Objects.Count).Where(i => dump.SiteOf(i) >= 0).ToList();
        Assert.Equal((sampled.Count, ReachabilityWalk.Bytes(dump, sampled)), (report.SampledObjects, report.SampledBytes));
        Assert.Equal((report.SampledObjects, report.SampledBytes), (report.Rows.Sum(r => r.Objects + r.GarbageObjects),
            report.Rows.Sum(r => r.Bytes + r.GarbageBytes)));
        var info = dump.Info();
        Assert.Equal((report.SampledObjects, report.SampledBytes), (info.SampledObjects, info.SampledBytes));
        Assert.Equal(report.Rows.OrderByDescending(r => r.RetainedBytes).ThenByDescending(r => r.Bytes)
            .ThenBy(r => r.Site, StringComparer.Ordinal), report.Rows);
        Assert.Contains(report.Rows.GroupBy(r => r.RetainedBytes), g => g.Count() > 1 && g.Select(r => r.Bytes).Distinct().Count() > 1);
        Assert.Contains(report.Rows.GroupBy(r => (r.RetainedBytes, r.Bytes)), g => g.Count() > 1);
    }

    [Fact]
    public void The_root_table_lists_every_root_largest_first_then_by_name()
    {
        var dump = CommittedDumps.Leaky();
        var rows = dump.RootRetention().Rows;
        Assert.Equal(dump.Roots.Count, rows.Count);
        Assert.Equal(rows.OrderByDescending(r => r.RetainedBytes).ThenBy(r => r.Root, StringComparer.Ordinal), rows);
        Assert.Contains(rows.GroupBy(r => r.RetainedBytes), g => g.Count() > 1);
    }

    [Fact]
    public void The_tiny_dump_samples_two_objects_of_its_one_site()
    {
        var dump = CommittedDumps.Tiny();
        // a and c (32 bytes each) have alloc samples, at the dump's first and only site.
        Assert.Equal((2L, 64L), (dump.Info().SampledObjects, dump.Info().SampledBytes));
        Assert.Equal((2L, 64L), (dump.SiteRetention().SampledObjects, dump.SiteRetention().SampledBytes));
        // a retains b too; c retains itself.
        Assert.Equal(96, Assert.Single(dump.SiteRetention().Rows).RetainedBytes);
    }
}
