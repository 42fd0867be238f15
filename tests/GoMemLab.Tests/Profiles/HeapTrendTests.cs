using GoMemLab.Profiles;
using GoMemLab.Profiles.Analyses;
using GoMemLab.Tests.Support;
using Microsoft.Data.Analysis;

namespace GoMemLab.Tests.Profiles;

public class HeapTrendTests
{
    private static List<Profile> Snapshots(params int[] numbers) =>
        numbers.Select(n => ProfileLoader.Load(RepoPaths.Artifact("heap", $"leaky-heap-{n}.pb.gz"))).ToList();

    [Fact]
    public void The_deliberate_leaks_rank_first_with_a_good_fit()
    {
        // Given out of order: the trend orders snapshots by their time stamps.
        var trend = HeapTrend.Compute(Snapshots(3, 1, 4, 2));
        var top = trend.Columns["function"].Cast<string>().Take(3).ToList();
        // MANIFEST.md's deliberate leaks that the sampler saw (main.(*service).audit stays at 0 in every snapshot).
        Assert.Equal(
            ["example.com/leaky/internal/cache.(*Cache).Put", "main.archive", "example.com/leaky/internal/registry.Register"],
            top);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((double)trend.Columns["slope_per_minute"][i] > 0);
            Assert.True((double)trend.Columns["r_squared"][i] > 0.95, $"{top[i]}: R² {trend.Columns["r_squared"][i]}");
            Assert.Equal(4, trend.Columns["snapshots_present"][i]);
        }
    }

    [Fact]
    public void First_last_and_slope_come_from_Top_values_and_time_stamps()
    {
        var snapshots = Snapshots(1, 2, 3, 4);
        var trend = HeapTrend.Compute(snapshots);
        var series = HeapTrend.Series(snapshots);
        const string put = "example.com/leaky/internal/cache.(*Cache).Put";
        var expected = snapshots.Select(p => Top.Compute(p).Rows.Single(r => r.Name == put).Flat).ToArray();
        var row = Enumerable.Range(0, (int)trend.Rows.Count).Single(i => (string)trend.Columns["function"][i] == put);
        Assert.Equal(expected[0], trend.Columns["first"][row]);
        Assert.Equal(expected[^1], trend.Columns["last"][row]);

        var points = Enumerable.Range(0, (int)series.Rows.Count).Where(i => (string)series.Columns["function"][i] == put).ToList();
        Assert.Equal(expected, points.Select(i => (long)series.Columns["value"][i]!));
        var minutes = snapshots.Select(p => (p.Time!.Value - snapshots[0].Time!.Value).TotalMinutes).ToArray();
        Assert.Equal(minutes, points.Select(i => (double)series.Columns["minutes"][i]!));
        // Least squares by hand.
        double mx = minutes.Average(), my = expected.Average();
        var slope = minutes.Zip(expected).Sum(p => (p.First - mx) * (p.Second - my)) / minutes.Sum(m => (m - mx) * (m - mx));
        Assert.Equal(slope, (double)trend.Columns["slope_per_minute"][row]!, 6);
    }

    [Fact]
    public void Fewer_than_three_snapshots_or_missing_times_are_refused()
    {
        Assert.Contains("at least 3 snapshots", Assert.Throws<ArgumentException>(() => HeapTrend.Compute(Snapshots(1, 2))).Message);
        var legacy = ProfileLoader.Load(RepoPaths.Artifact("heap", "leaky-heap-debug1.txt"));
        var snapshots = Snapshots(1, 2);
        snapshots.Add(legacy);
        Assert.Contains("has no collection time", Assert.Throws<ArgumentException>(() => HeapTrend.Compute(snapshots)).Message);
    }

    [Fact]
    public void R_squared_is_one_on_a_line_and_null_on_a_constant()
    {
        var (slope, r2) = HeapTrend.LeastSquares([0, 1, 2], [10, 20, 30]);
        Assert.Equal(10, slope, 9);
        Assert.Equal(1, r2!.Value, 9);
        Assert.Null(HeapTrend.LeastSquares([0, 1, 2], [5, 5, 5]).RSquared);
    }
}
