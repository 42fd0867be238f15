using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Profiles;

public class AllocVsInuseTests
{
    private static Profile Heap(string name) => Profile.Load(RepoPaths.Artifact("heap", name));

    public static TheoryData<string, bool> Profiles() => new()
    {
        { "leaky-heap-4.pb.gz", false }, { "leaky-heap-4.pb.gz", true }, { "churn-heap.pb.gz", false }, { "fix-before-heap.pb.gz", true },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_column_equals_Top_for_its_sample_index(string name, bool cumulative)
    {
        var profile = Heap(name);
        var report = profile.AllocVsInuse(cumulative);
        Assert.Equal(AllocVsInuseReport.Columns, report.ToDataFrame().Columns.Select(c => c.Name));
        var rowOf = report.Rows.ToDictionary(r => r.Function);
        foreach (var (type, value) in new (string, Func<AllocVsInuseRow, long>)[]
                 { ("alloc_space", r => r.AllocSpace), ("alloc_objects", r => r.AllocObjects), ("inuse_space", r => r.InuseSpace),
                     ("inuse_objects", r => r.InuseObjects) })
        {
            var top = profile.Top(new TopOptions { SampleIndex = type });
            foreach (var row in top.Rows)
                Assert.Equal(cumulative ? row.Cum : row.Flat, value(rowOf[row.Name]));
            // Functions Top does not list for this type have nothing there.
            var listed = top.Rows.Select(r => r.Name).ToHashSet();
            foreach (var (function, row) in rowOf)
                if (!listed.Contains(function)) Assert.Equal(0, value(row));
        }
        // The table holds the same numbers as the rows.
        var table = report.ToDataFrame();
        Assert.Equal(report.Rows.Select(r => r.InuseSpace), ((Int64DataFrameColumn)table.Columns["inuse_space"]).Select(v => v!.Value));
    }

    [Fact]
    public void Retention_and_average_size_are_the_documented_ratios()
    {
        var report = AllocVsInuse.Compute(Heap("leaky-heap-4.pb.gz"));
        var table = report.ToDataFrame();
        for (var i = 0; i < report.Rows.Count; i++)
        {
            var (alloc, objects, inuse) = (report.Rows[i].AllocSpace, report.Rows[i].AllocObjects, report.Rows[i].InuseSpace);
            Assert.Equal(alloc == 0 ? null : (double)inuse / alloc, (double?)table.Columns["retention_ratio"][i]);
            Assert.Equal(objects == 0 ? null : (double)alloc / objects, (double?)table.Columns["avg_object_size"][i]);
        }
    }

    [Fact]
    public void Leak_suspects_of_leaky_heap_4_are_the_deliberate_leaks_that_the_sampler_saw()
    {
        // MANIFEST.md: cache.(*Cache).Put, main.archive and registry.Register leak with non-zero inuse_space in
        // leaky-heap-4; main.(*service).audit's channels are too small for the sampler (0 there).
        var suspects = LeakSuspects.Find(Heap("leaky-heap-4.pb.gz"));
        Assert.Equal(
            ["example.com/leaky/internal/cache.(*Cache).Put", "main.archive", "example.com/leaky/internal/registry.Register"],
            suspects.Rows.Select(r => r.Function));
    }

    [Fact]
    public void A_steady_allocator_has_no_leak_suspect_and_runtime_bookkeeping_is_opt_in()
    {
        // churn keeps a fixed ring of results: main.(*results).keep holds most of the live heap, but a small share of what it allocated.
        var churn = Heap("churn-heap.pb.gz");
        Assert.Empty(LeakSuspects.Find(churn).Rows);
        // The runtime never frees goroutine descriptors (it reuses them), so runtime.malg keeps all it allocates.
        var withRuntime = LeakSuspects.Find(churn, new LeakSuspectRule { IncludeRuntime = true });
        Assert.Equal(["runtime.malg"], withRuntime.Rows.Select(r => r.Function));
    }

    [Fact]
    public void A_profile_without_heap_sample_types_is_refused_by_name()
    {
        var path = RepoPaths.Artifact("heap", "leaky-cpu.pb.gz");
        var e = Assert.Throws<ArgumentException>(() => AllocVsInuse.Compute(Profile.Load(path)));
        Assert.Contains("leaky-cpu.pb.gz is not a heap profile", e.Message);
    }

    [Fact]
    public void A_suspects_share_is_of_pprofs_inuse_total_and_both_thresholds_are_at_least()
    {
        var profile = Heap("leaky-heap-4.pb.gz");
        var total = PprofTopGolden.Total(RepoPaths.Data("golden", "pprof", "leaky-heap-4.inuse_space.functions.txt"));
        var report = LeakSuspects.Find(profile);
        Assert.Equal(total, report.TotalInuseSpace);
        Assert.All(report.Rows, r => Assert.Equal((double)r.InuseSpace / total, r.InuseShare));
        var smallest = report.Rows[^1];
        // A share threshold whose product with the total is exactly the smallest suspect's inuse_space keeps it; the next
        // double up drops it.
        var near = (double)smallest.InuseSpace / total;
        var exact = new[] { near, Math.BitIncrement(near), Math.BitDecrement(near) }.First(t => t * total == smallest.InuseSpace);
        Assert.Contains(LeakSuspects.Find(profile, new LeakSuspectRule { MinimumInuseShare = exact }).Rows,
            r => r.Function == smallest.Function);
        Assert.DoesNotContain(LeakSuspects.Find(profile, new LeakSuspectRule { MinimumInuseShare = Math.BitIncrement(exact) }).Rows,
            r => r.Function == smallest.Function);
        // The same for the retention ratio.
        var table = AllocVsInuse.Compute(profile).Rows.Single(r => r.Function == smallest.Function);
        var retention = table.RetentionRatio!.Value;
        Assert.Contains(LeakSuspects.Find(profile, new LeakSuspectRule { MinimumRetention = retention }).Rows,
            r => r.Function == smallest.Function);
        Assert.DoesNotContain(LeakSuspects.Find(profile, new LeakSuspectRule { MinimumRetention = Math.BitIncrement(retention) }).Rows,
            r => r.Function == smallest.Function);
    }

    [Fact]
    public void With_no_thresholds_every_function_holding_something_is_a_suspect_and_nothing_else()
    {
        var profile = Heap("leaky-heap-4.pb.gz");
        var rule = new LeakSuspectRule { MinimumInuseShare = 0, MinimumRetention = 0, IncludeRuntime = true };
        var holding = AllocVsInuse.Compute(profile).Rows.Where(r => r.InuseSpace > 0 && r.RetentionRatio is not null)
            .Select(r => r.Function).ToHashSet();
        Assert.True(holding.SetEquals(LeakSuspects.Find(profile, rule).Rows.Select(r => r.Function)));
        Assert.Contains(AllocVsInuse.Compute(profile).Rows, r => r.InuseSpace == 0 && r.AllocSpace > 0);
    }
}
