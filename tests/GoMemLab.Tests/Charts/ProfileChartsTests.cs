using GoMemLab.Charts;
using GoMemLab.Profiles;
using GoMemLab.Tests.Support;
using Plotly.NET;

namespace GoMemLab.Tests.Charts;

public class ProfileChartsTests
{
    private static LoadedProfile Heap(int n) => new(Profile.Load(RepoPaths.Artifact("heap", $"leaky-heap-{n}.pb.gz")));

    [Fact]
    public void Every_profile_chart_renders_offline_in_chromium()
    {
        var heap4 = Heap(4);
        var snapshots = new[] { Heap(1), Heap(2), Heap(3), heap4 };
        var charts = new (string Name, GenericChart Chart)[]
        {
            ("top", heap4.TopChart("alloc_space")),
            ("alloc-vs-inuse", heap4.AllocVsInuseChart()),
            ("retention", heap4.RetentionChart()),
            ("trend", LoadedProfile.TrendChart(5, snapshots)),
            ("flame", heap4.FlameChart()),
            ("diff-flame", heap4.DiffSince(snapshots[0]).FlameChart()),
        };
        using var dir = new TempDirectory();
        var page = dir.File("profile-charts.html");
        ChartHtml.WritePage(page, "leaky-heap-4: " + string.Join(", ", charts.Select(c => c.Name)), charts.Select(c => c.Chart).ToArray());
        var dom = HeadlessChromium.RenderedDom(page);
        Assert.Equal(charts.Length, HeadlessChromium.RenderedCharts(dom));
        HeadlessChromium.Screenshot(page, Path.Combine(HeadlessChromium.ArtifactFolder, "profile-charts.png"), height: 4600);
    }

    [Fact]
    public void Flame_chart_figure_carries_the_tree_and_the_diff_colours()
    {
        var heap4 = Heap(4);
        var flame = GenericChart.toFigureJson(heap4.FlameChart());
        Assert.Contains("\"type\":\"icicle\"", flame);
        Assert.Contains("\"branchvalues\":\"total\"", flame);
        Assert.Contains("cache.(*Cache).Put", flame);
        var diff = GenericChart.toFigureJson(heap4.DiffSince(Heap(1)).FlameChart());
        Assert.Contains("\"cmid\":0", diff);
        Assert.Contains("#cf222e", diff);
    }
}
