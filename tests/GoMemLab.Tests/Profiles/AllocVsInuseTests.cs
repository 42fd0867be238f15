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
}
