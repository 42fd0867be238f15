using GoMemLab.Telemetry;

namespace GoMemLab.Tests.Telemetry;

/// <summary>
/// What a LeakSignal says of itself (the evidence sentence and the table), on series whose numbers are known in closed
/// form: the sentence is what a notebook card and the CLI print, so each branch of it is checked word for word.
/// </summary>
public class LeakSignalEvidenceTests
{
    [Fact]
    public void One_point_is_one_point_and_snapshots_are_named_in_the_plural()
    {
        Assert.Equal("heap_inuse_mb: 1 point over 0 min; need at least 5 points over a positive span",
            LeakSignal.Assess("heap_inuse_mb", "MB", "min", [3], [7], 1).Evidence);
        Assert.Equal("inuse_space: 2 points over 1 snapshots; need at least 5 points over a positive span",
            LeakSignal.Assess("inuse_space", "MB", "snapshot", [0, 1], [7, 8], 1).Evidence);
    }

    [Fact]
    public void A_flat_line_is_within_the_threshold_with_no_r_squared()
    {
        // Constant values: slope 0, change +0, and R² undefined (SStot = 0) printed as n/a.
        var flat = LeakSignal.Assess("heap_inuse_mb", "MB", "min", [0, 1, 2, 3, 4], [100, 100, 100, 100, 100], 1);
        Assert.Equal(LeakVerdict.Steady, flat.Verdict);
        Assert.Equal("heap_inuse_mb +0 MB over 4 min (+0 MB/min, R² n/a, level 100 MB, 5 points); within ±10 MB", flat.Evidence);
    }

    [Fact]
    public void A_trend_names_the_threshold_it_passed_and_a_fall_has_its_minus_sign()
    {
        // 100 + 5·(t − 2): change 20 over 4 min, R² 1, threshold 10 (10% of the level 100).
        double[] times = [0, 1, 2, 3, 4];
        var growing = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, times.Select(t => 100 + 5 * (t - 2)).ToArray(), 1);
        Assert.Equal("heap_inuse_mb +20 MB over 4 min (+5 MB/min, R² 1, level 100 MB, 5 points); beyond 10 MB with R² ≥ 0.5",
            growing.Evidence);
        var shrinking = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, times.Select(t => 100 - 5 * (t - 2)).ToArray(), 1);
        Assert.Equal("heap_inuse_mb -20 MB over 4 min (-5 MB/min, R² 1, level 100 MB, 5 points); beyond 10 MB with R² ≥ 0.5",
            shrinking.Evidence);
    }

    [Fact]
    public void A_large_change_on_a_poor_fit_says_why_it_is_not_a_trend()
    {
        // y = 0, 1, 2 + e, 3, 4 with e = 4: slope 1 and intercept 0 (the pair slopes' and offsets' medians), SSres = 16,
        // SStot = 10 + 0.8 × 16 = 22.8, so R² = 1 − 16/22.8 ≈ 0.298; the change (4) is past the floor (1).
        var poor = LeakSignal.Assess("heap_inuse_mb", "MB", "min", [0, 1, 2, 3, 4], [0, 1, 6, 3, 4], 1);
        Assert.Equal(LeakVerdict.Steady, poor.Verdict);
        Assert.Equal(1 - 16 / 22.8, poor.RSquared, 12);
        Assert.EndsWith("(+1 MB/min, R² 0.298, level 3 MB, 5 points); the line explains too little (R² below 0.5) to call it a trend",
            poor.Evidence);
    }

    [Fact]
    public void The_table_rounds_estimates_to_four_decimals_and_puts_a_series_column_first_only_when_labelled()
    {
        // Ten points on 100 + (20/9)·(t − 4.5): slope 2.2222…, printed as 2.2222; a change of 20 past the threshold of 10.
        var times = Enumerable.Range(0, 10).Select(t => (double)t).ToArray();
        var signal = LeakSignal.Assess("heap_inuse_mb", "MB", "min", times, times.Select(t => 100 + 20.0 / 9 * (t - 4.5)).ToArray(), 1);
        var plain = LeakSignal.ToDataFrame([signal]);
        Assert.Equal(["metric", "unit", "points", "span", "time_unit", "level", "slope", "change", "r_squared", "threshold", "verdict",
            "evidence"], plain.Columns.Select(c => c.Name));
        Assert.Equal(["heap_inuse_mb", "MB", 10, 9.0, "min", 100.0, 2.2222, 20.0, 1.0, 10.0, "growing", signal.Evidence],
            plain.Rows[0].ToArray());
        var labelled = LeakSignal.ToDataFrame([signal with { Series = "pod=a" }, signal]);
        Assert.Equal("series", labelled.Columns[0].Name);
        Assert.Equal("pod=a", labelled.Columns["series"][0]);
        Assert.Equal("", labelled.Columns["series"][1]);
    }
}
