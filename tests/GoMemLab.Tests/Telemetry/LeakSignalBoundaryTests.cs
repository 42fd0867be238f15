using GoMemLab.Telemetry;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// LeakSignal.Assess at its thresholds, on synthetic series whose change, level and R² are known in closed form: a
/// change of ±10% of the level (just past and just short of it), the absolute floor, R² just above and below 0.5,
/// and a shrinking series. Each case would flip under the mutants "threshold 10% → 30%", "absolute floor ignored" and
/// "Shrinking read as Steady".
/// </summary>
public class LeakSignalBoundaryTests
{
    // Ten points, one per minute, on a straight line through the level at the middle: the median is the level
    // exactly, the Theil–Sen slope is the line's slope, R² is 1, and the change over the 9-minute span is slope × 9.
    private static LeakSignal Line(double level, double change, double floor)
    {
        var times = Enumerable.Range(0, 10).Select(t => (double)t).ToArray();
        var values = times.Select(t => level + change / 9 * (t - 4.5)).ToArray();
        return LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, values, floor);
    }

    [Theory]
    [InlineData(+10.01, LeakVerdict.Growing)]
    [InlineData(+9.99, LeakVerdict.Steady)]
    [InlineData(-9.99, LeakVerdict.Steady)]
    [InlineData(-10.01, LeakVerdict.Shrinking)]
    public void A_change_of_ten_percent_of_the_level_is_the_line(double change, LeakVerdict expected)
    {
        var signal = Line(level: 100, change, floor: 1);
        Assert.Equal(100, signal.Level, 9);
        Assert.Equal(10, signal.Threshold, 9); // 10% of the level, above the 1 MB floor
        Assert.Equal(change, signal.Change, 9);
        Assert.Equal(1, signal.RSquared, 9);
        Assert.Equal(expected, signal.Verdict);
    }

    [Theory]
    [InlineData(+1.01, LeakVerdict.Growing)]
    [InlineData(+0.99, LeakVerdict.Steady)]
    [InlineData(-0.99, LeakVerdict.Steady)]
    [InlineData(-1.01, LeakVerdict.Shrinking)]
    public void Below_a_level_of_ten_floors_the_absolute_floor_is_the_line(double change, LeakVerdict expected)
    {
        // Level 5: 10% would be 0.5, so without the 1 MB floor a change of ±0.99 would already be a trend.
        var signal = Line(level: 5, change, floor: 1);
        Assert.Equal(1, signal.Threshold, 9);
        Assert.Equal(expected, signal.Verdict);
    }

    [Fact]
    public void A_series_shrinking_steadily_is_shrinking_not_steady()
    {
        var times = Enumerable.Range(0, 20).Select(t => t / 2.0).ToArray();
        var values = times.Select(t => 400 - 12 * t).ToArray(); // −114 MB over 9.5 min around a level of 343
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, values, absoluteFloor: 1);
        Assert.Equal(LeakVerdict.Shrinking, signal.Verdict);
        Assert.Equal(-12, signal.Slope, 9);
        Assert.Equal(LeakVerdict.Shrinking, LeakSignal.Overall([signal, Line(100, 0, 1)]));
        Assert.Equal(LeakVerdict.Growing, LeakSignal.Overall([signal, Line(100, 50, 1)])); // growing wins
    }

    // Five points on y = t with the middle one lifted by e: Theil–Sen keeps slope 1 and intercept 0 (6 of the 10 pair
    // slopes are exactly 1, two above, two below), so SSres = e² and SStot = 10 + 0.8e²: R² = 0.5 at e² = 5 / 0.6.
    [Theory]
    [InlineData(0.999, LeakVerdict.Growing)]
    [InlineData(1.001, LeakVerdict.Steady)]
    public void An_r_squared_of_one_half_is_the_line(double scale, LeakVerdict expected)
    {
        var e = Math.Sqrt(5 / 0.6) * scale;
        double[] times = [0, 1, 2, 3, 4];
        double[] values = [0, 1, 2 + e, 3, 4];
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, values, absoluteFloor: 1);
        Assert.Equal(1, signal.Slope, 12);
        Assert.Equal(4, signal.Change, 12); // well past the threshold (1): only the fit decides
        Assert.Equal(1 - e * e / (10 + 0.8 * e * e), signal.RSquared, 12);
        Assert.InRange(signal.RSquared, 0.49, 0.51);
        Assert.Equal(expected, signal.Verdict);
    }

    [Fact]
    public void Fewer_than_five_points_or_no_span_is_insufficient_data()
    {
        Assert.Equal(LeakVerdict.InsufficientData, LeakSignal.Assess("m", "MB", "min", [0, 1, 2, 3], [1, 2, 3, 4], 1).Verdict);
        Assert.Equal(LeakVerdict.InsufficientData, LeakSignal.Assess("m", "MB", "min", [2, 2, 2, 2, 2], [1, 2, 3, 4, 5], 1).Verdict);
        Assert.Equal(LeakVerdict.Growing, LeakSignal.Assess("m", "MB", "min", [0, 1, 2, 3, 4], [1, 2, 3, 4, 5], 1).Verdict);
    }
    // Five points, one per minute, on 100 + 2.5·(t − 2): every pair slope is 2.5, the change over the 4-minute span is
    // exactly 10 and so is the threshold (0.1 × 100 rounds to 10 in binary): a change equal to the threshold is no trend.
    [Theory]
    [InlineData(+2.5)]
    [InlineData(-2.5)]
    public void A_change_exactly_at_the_threshold_is_steady(double slope)
    {
        double[] times = [0, 1, 2, 3, 4];
        var values = times.Select(t => 100 + slope * (t - 2)).ToArray();
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, values, absoluteFloor: 1);
        Assert.Equal(10, signal.Threshold);
        Assert.Equal(Math.Abs(signal.Change), signal.Threshold);
        Assert.Equal(LeakVerdict.Steady, signal.Verdict);
        // At the line, the change is within the threshold (not a change on a poor fit).
        Assert.EndsWith("; within ±10 MB", signal.Evidence);
    }

    // y = 1, 1, 2, 3, 8 at t = 0..4: the pair slopes' median is 1 and the offsets' median 0, so SSres = 1² + 4² = 17 and
    // SStot = 4 + 4 + 1 + 0 + 25 = 34 around the mean 3: R² is one half exactly, which is enough to call the trend.
    [Fact]
    public void An_r_squared_of_exactly_one_half_fits()
    {
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", [0, 1, 2, 3, 4], [1, 1, 2, 3, 8], absoluteFloor: 1);
        Assert.Equal(0.5, signal.RSquared);
        Assert.Equal(4, signal.Change);
        Assert.Equal(LeakVerdict.Growing, signal.Verdict);
    }

    [Fact]
    public void An_empty_series_is_insufficient_data_with_the_floor_as_threshold()
    {
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", [], [], absoluteFloor: 2);
        Assert.Equal(LeakVerdict.InsufficientData, signal.Verdict);
        Assert.Equal(0, signal.Span);
        Assert.Equal(2, signal.Threshold);
        Assert.Equal("heap_inuse_mb: 0 points over 0 min; need at least 5 points over a positive span", signal.Evidence);
    }

    [Fact]
    public void Overall_is_steady_when_one_signal_has_data_and_shows_no_trend()
    {
        var none = LeakSignal.Assess("m", "MB", "min", [0], [1], 1);
        Assert.Equal(LeakVerdict.Steady, LeakSignal.Overall([none, Line(100, 0, 1)]));
        Assert.Equal(LeakVerdict.InsufficientData, LeakSignal.Overall([none, none]));
        Assert.Equal(LeakVerdict.InsufficientData, LeakSignal.Overall([]));
    }
}
