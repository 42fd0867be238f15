using GoMemLab.Telemetry;

namespace GoMemLab.Tests.Telemetry;

/// <summary>The Theil–Sen fit under LeakSignal, on series whose fit is known in closed form.</summary>
public class TheilSenFitTests
{
    [Fact]
    public void R_squared_does_not_depend_on_the_level_of_a_counter_near_ten_to_the_fifteen()
    {
        // R² is the same for y and y + c. A cumulative byte counter sits near 10^15 (TotalAlloc of a long-running
        // service), where doubles are 1/8 apart: the mean of 10^15 + {1, 1, 2, 4, 8} (10^15 + 3.2) rounds to 10^15 + 3.25,
        // so a sum of squares taken as Σ y² − n·mean² instead of Σ (y − mean)² would be off by about 5·10^14.
        double[] x = [0, 1, 2, 3, 4];
        double[] shape = [1, 1, 2, 4, 8];
        var low = TheilSenFit.Fit(x, shape);
        var near = TheilSenFit.Fit(x, shape.Select(v => 1e15 + v).ToArray());
        Assert.Equal(1.625, low.Slope); // the pair slopes' median: (1.5 + 1.75) / 2
        Assert.Equal(1.625, near.Slope);
        Assert.Equal(low.Intercept + 1e15, near.Intercept);
        Assert.InRange(low.RSquared, 0.6, 0.9);
        Assert.Equal(low.RSquared, near.RSquared, 2);
    }

    [Fact]
    public void Lengths_that_differ_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TheilSenFit.Fit([0, 1, 2], [1, 2]));
        Assert.Equal("x and y must have the same length", e.Message);
        e = Assert.Throws<ArgumentException>(() => LeakSignal.Assess("m", "MB", "min", [0, 1, 2, 3, 4], [1, 2, 3, 4], 1));
        Assert.Equal("times and values must have the same length", e.Message);
    }

    [Fact]
    public void Constant_values_have_no_r_squared_and_a_single_x_no_slope()
    {
        var flat = TheilSenFit.Fit([0, 1, 2, 3], [5, 5, 5, 5]);
        Assert.Equal(0, flat.Slope);
        Assert.True(double.IsNaN(flat.RSquared));
        var vertical = TheilSenFit.Fit([2, 2, 2], [1, 2, 9]);
        Assert.True(double.IsNaN(vertical.Slope));
        Assert.Equal(2, vertical.Intercept); // the median of y
    }
}
