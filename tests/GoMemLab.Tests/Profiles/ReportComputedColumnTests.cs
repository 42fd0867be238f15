using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

/// <summary>
/// The report columns computed from others (a trend's change, a diff flame's delta, retention ratio, average object
/// size, a suspect's share of the heap) against arithmetic on `go tool pprof -top` goldens of the same artifacts.
/// </summary>
public class ReportComputedColumnTests
{
    private static Profile Heap(string name) => Profile.Load(RepoPaths.Artifact("heap", name));

    private static string GoldenPath(string name) => RepoPaths.Data("golden", "pprof", name);

    /// <summary>Flat value per function of a golden; 0 for a function pprof does not list.</summary>
    private static Func<string, long> Flat(string golden)
    {
        var rows = PprofTopGolden.Parse(GoldenPath(golden)).ToDictionary(r => r.Name, r => r.Flat);
        return function => rows.GetValueOrDefault(function);
    }

    [Fact]
    public void A_trends_change_is_pprofs_last_flat_minus_its_first()
    {
        var trend = HeapTrend.Compute([.. Enumerable.Range(1, 4).Select(n => Heap($"leaky-heap-{n}.pb.gz"))]);
        var (first, last) = (Flat("leaky-heap-1.inuse_space.functions.txt"), Flat("leaky-heap-4.inuse_space.functions.txt"));
        foreach (var row in trend.Rows)
        {
            var (f, l) = (first(row.Function), last(row.Function));
            Assert.Equal((row.Function, f, l, l - f), (row.Function, row.First, row.Last, row.Change));
        }
        // Rows where change differs from last (first > 0) and where it is negative.
        Assert.Contains(trend.Rows, r => r.First > 0 && r.Change > 0);
        Assert.Contains(trend.Rows, r => r.Change < 0);
    }

    [Fact]
    public void A_diff_flames_delta_is_current_minus_base()
    {
        var flame = FlameGraph.Compute(ProfileDiff.Compare(Heap("leaky-heap-1.pb.gz"), Heap("leaky-heap-4.pb.gz")), minimumShare: 0);
        var after = PprofTopGolden.Total(GoldenPath("leaky-heap-4.inuse_space.functions.txt"));
        var before = PprofTopGolden.Total(GoldenPath("leaky-heap-1.inuse_space.functions.txt"));
        Assert.Equal((after, before, after - before), (flame.Rows[0].Current, flame.Rows[0].Base, flame.Rows[0].Delta));
        Assert.All(flame.Rows, n => Assert.Equal(n.Current - n.Base, n.Delta));
        Assert.Contains(flame.Rows, n => n.Base > 0 && n.Current > 0);
    }

    [Fact]
    public void Retention_and_average_object_size_are_ratios_of_pprofs_values()
    {
        var report = Heap("leaky-heap-4.pb.gz").AllocVsInuse();
        var allocSpace = Flat("leaky-heap-4.alloc_space.functions.txt");
        var allocObjects = Flat("leaky-heap-4.alloc_objects.functions.txt");
        var inuseSpace = Flat("leaky-heap-4.inuse_space.functions.txt");
        foreach (var row in report.Rows)
        {
            var (space, objects, inuse) = (allocSpace(row.Function), allocObjects(row.Function), inuseSpace(row.Function));
            Assert.Equal(space == 0 ? null : (double)inuse / space, row.RetentionRatio);
            Assert.Equal(objects == 0 ? null : (double)space / objects, row.AverageObjectSize);
        }
        Assert.Contains(report.Rows, r => r.RetentionRatio is > 0 and < 1);
    }

    [Fact]
    public void A_suspects_share_is_of_pprofs_inuse_total()
    {
        var report = Heap("leaky-heap-4.pb.gz").LeakSuspects();
        var golden = GoldenPath("leaky-heap-4.inuse_space.functions.txt");
        var (total, inuse) = (PprofTopGolden.Total(golden), Flat("leaky-heap-4.inuse_space.functions.txt"));
        Assert.Equal(total, report.TotalInuseSpace);
        Assert.NotEmpty(report.Rows);
        Assert.All(report.Rows, r => Assert.Equal((double)inuse(r.Function) / total, r.InuseShare));
    }
}
