using GoMemLab.Telemetry;
using GoMemLab.Tests.Support;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// The verdict on the real runs in data/: the leaky service (a cache and a registry that never forget,
/// leaked goroutines; see data/artifacts/MANIFEST.md) must read "growing", churn (allocates and drops)
/// must read "steady", from gctrace and from MemStats alike.
/// </summary>
public class LeakSignalTests
{
    [Fact]
    public void Leaky_gctrace_live_heap_is_growing()
    {
        var signal = GcTrace.Load(RepoPaths.Artifact("telemetry", "leaky-gctrace.log")).LiveHeapTrend();
        Assert.Equal(LeakVerdict.Growing, signal.Verdict);
        Assert.True(signal.Slope > 0);
        Assert.Contains("heap_live_mb +", signal.Evidence);
    }

    [Fact]
    public void Churn_gctrace_live_heap_is_steady()
    {
        var signal = GcTrace.Load(RepoPaths.Artifact("telemetry", "churn-gctrace.log")).LiveHeapTrend();
        Assert.Equal(LeakVerdict.Steady, signal.Verdict);
    }

    [Fact]
    public void Leaky_memstats_is_growing_in_heap_and_goroutines()
    {
        var signals = MemStatsSeries.Load(RepoPaths.Artifact("telemetry", "leaky-memstats.jsonl")).LeakSignals();
        Assert.Equal(LeakVerdict.Growing, LeakSignal.Overall(signals));
        Assert.Equal(LeakVerdict.Growing, signals.Single(s => s.Metric == "heap_inuse_mb").Verdict);
        Assert.Equal(LeakVerdict.Growing, signals.Single(s => s.Metric == "goroutines").Verdict);
        Assert.All(signals, s => Assert.Equal("min", s.TimeUnit));
    }

    [Fact]
    public void Churn_memstats_is_steady()
    {
        var signals = MemStatsSeries.Load(RepoPaths.Artifact("telemetry", "churn-memstats.jsonl")).LeakSignals();
        Assert.Equal(LeakVerdict.Steady, LeakSignal.Overall(signals));
    }

    [Fact]
    public void Too_few_points_is_insufficient_data_not_a_verdict()
    {
        var paths = new[] { "leaky-vars-1.json", "leaky-vars-2.json", "leaky-vars-3.json" }.Select(n => RepoPaths.Artifact("telemetry",
            n)).ToArray();
        var signals = MemStatsSeries.Load(paths).LeakSignals();
        Assert.All(signals, s => Assert.Equal(LeakVerdict.InsufficientData, s.Verdict));
        Assert.Contains("need at least 5 points", signals[0].Evidence);
    }

    [Fact]
    public void Theil_Sen_ignores_outliers_that_tilt_least_squares()
    {
        // y = 2x + 1 exactly, with three wild points: the median of pairwise slopes stays 2.
        var x = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        var y = x.Select(v => 2 * v + 1).ToArray();
        y[3] = 500; y[17] = -400; y[29] = 900;
        var fit = TheilSenFit.Fit(x, y);
        Assert.Equal(2, fit.Slope);
        Assert.Equal(1, fit.Intercept);
    }

    [Fact]
    public void Theil_Sen_reduction_keeps_the_slope_of_long_series()
    {
        var x = Enumerable.Range(0, 100_000).Select(i => i / 100.0).ToArray();
        var y = x.Select((v, i) => 3 * v + (i % 7 == 0 ? 50 : 0)).ToArray();
        var fit = TheilSenFit.Fit(x, y);
        Assert.InRange(fit.Slope, 2.99, 3.01);
        Assert.True(fit.Points == 100_000);
    }

    [Fact]
    public void Median_and_selection_agree_with_sorting()
    {
        var random = new Random(5);
        for (int n = 1; n < 200; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 20)).ToArray();
            var sorted = values.Order().ToArray();
            var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            Assert.Equal(expected, TheilSenFit.Median(values));
            Assert.Equal(Percentile.NearestRank(sorted, 99), Percentile.NearestRankInPlace(values.ToArray(), 99));
        }
    }
}
