using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Profiles;

public class HeapTrendTests
{
    private static List<Profile> Snapshots(params int[] numbers) =>
        numbers.Select(n => Profile.Load(RepoPaths.Artifact("heap", $"leaky-heap-{n}.pb.gz"))).ToList();

    [Fact]
    public void The_deliberate_leaks_rank_first_with_a_good_fit()
    {
        // Given out of order: the trend orders snapshots by their time stamps.
        var trend = HeapTrend.Compute(Snapshots(3, 1, 4, 2));
        var top = trend.Rows.Take(3).Select(r => r.Function).ToList();
        // MANIFEST.md's deliberate leaks that the sampler saw (main.(*service).audit stays at 0 in every snapshot).
        Assert.Equal(
            ["example.com/leaky/internal/cache.(*Cache).Put", "main.archive", "example.com/leaky/internal/registry.Register"],
            top);
        foreach (var row in trend.Rows.Take(3))
        {
            Assert.True(row.SlopePerMinute > 0);
            Assert.True(row.RSquared > 0.95, $"{row.Function}: R² {row.RSquared}");
            Assert.Equal(4, row.SnapshotsPresent);
        }
        Assert.Equal("inuse_space", trend.SampleType.Type);
    }

    [Fact]
    public void First_last_and_slope_come_from_Top_values_and_time_stamps()
    {
        var snapshots = Snapshots(1, 2, 3, 4);
        var trend = HeapTrend.Compute(snapshots);
        const string put = "example.com/leaky/internal/cache.(*Cache).Put";
        var expected = snapshots.Select(p => Top.Compute(p).Rows.Single(r => r.Name == put).Flat).ToArray();
        var row = trend.Rows.Single(r => r.Function == put);
        Assert.Equal(expected[0], row.First);
        Assert.Equal(expected[^1], row.Last);

        var points = trend.Points.Where(p => p.Function == put).ToList();
        Assert.Equal(expected, points.Select(p => p.Value));
        var minutes = snapshots.Select(p => (p.Time!.Value - snapshots[0].Time!.Value).TotalMinutes).ToArray();
        Assert.Equal(minutes, points.Select(p => p.Minutes));
        var series = trend.PointsToDataFrame();
        Assert.Equal(trend.Points.Count, series.Rows.Count);
        // Least squares by hand.
        double mx = minutes.Average(), my = expected.Average();
        var slope = minutes.Zip(expected).Sum(p => (p.First - mx) * (p.Second - my)) / minutes.Sum(m => (m - mx) * (m - mx));
        Assert.Equal(slope, row.SlopePerMinute, 6);
    }

    [Fact]
    public void R_squared_is_one_on_a_line_and_null_on_a_constant()
    {
        var (slope, r2) = HeapTrend.LeastSquares([0, 1, 2], [10, 20, 30]);
        Assert.Equal(10, slope, 9);
        Assert.Equal(1, r2!.Value, 9);
        Assert.Null(HeapTrend.LeastSquares([0, 1, 2], [5, 5, 5]).RSquared);
    }

    [Fact]
    public void Every_function_is_a_row_with_Top_values_ranked_by_slope_then_change_then_name()
    {
        // alloc_space and cum values: neither default.
        var snapshots = Snapshots(1, 2, 3, 4);
        var trend = HeapTrend.Compute(snapshots, "alloc_space", cumulative: true);
        Assert.Equal("alloc_space", trend.SampleType.Type);
        var tops = snapshots.Select(p => Top.Compute(p, new TopOptions { SampleIndex = "alloc_space" }).Rows
            .ToDictionary(r => r.Name, r => r.Cum)).ToList();
        var names = tops.SelectMany(t => t.Keys).Distinct().ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), trend.Rows.Select(r => r.Function).Order(StringComparer.Ordinal));
        foreach (var row in trend.Rows)
        {
            var series = tops.Select(t => t.GetValueOrDefault(row.Function)).ToArray();
            Assert.Equal((series[0], series[^1], series[^1] - series[0], tops.Count(t => t.ContainsKey(row.Function))),
                (row.First, row.Last, row.Change, row.SnapshotsPresent));
        }
        Assert.Equal(trend.Rows.OrderByDescending(r => r.SlopePerMinute).ThenByDescending(r => r.Change)
            .ThenBy(r => r.Function, StringComparer.Ordinal), trend.Rows);
        Assert.Contains(trend.Rows.GroupBy(r => r.SlopePerMinute), g => g.Count() > 1);
        // The points: by function name, then snapshot.
        Assert.Equal(trend.Points.OrderBy(p => p.Function, StringComparer.Ordinal).ThenBy(p => p.Snapshot), trend.Points);
        Assert.Equal(names.Count * 4, trend.Points.Count);
    }

    [Fact]
    public void With_one_time_for_every_point_no_line_fits()
    {
        Assert.Equal((0.0, (double?)null), HeapTrend.LeastSquares([2, 2, 2], [1, 2, 3]));
    }
}
